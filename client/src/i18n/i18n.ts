import { computed, signal } from '@preact/signals';
import type { Translator } from '../../../src/notifications/texts/notification-text';
import type { Locale } from '../api/server-types';
import { dictionaryOf, loadDictionary } from './dictionaries';
import { en, type MessageKey } from './en';

const STORAGE_KEY = 'tansiq.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'ar') return saved;
  return navigator.language.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export const locale = signal<Locale>(initialLocale());
export const direction = computed(() => (locale.value === 'ar' ? 'rtl' : 'ltr'));

/** The document's language and direction (the whole layout mirrors through logical CSS). */
export function markDocument(next: Locale): void {
  document.documentElement.lang = next;
  document.documentElement.dir = next === 'ar' ? 'rtl' : 'ltr';
}

/**
 * Switches the language once its dictionary is there, so no screen shows a right-to-left layout in English words
 * or the reverse.
 */
export async function applyLocale(next: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, next);
  await loadDictionary(next);
  locale.value = next;
  markDocument(next);
}

export type Params = Record<string, string | number>;

/** The translated text for a key, with `{name}` placeholders filled; numbers are formatted for the locale. */
export function t(key: MessageKey, params: Params = {}): string {
  const text = dictionaryOf(locale.value)[key] ?? en[key];
  return fill(text, params);
}

/** Plural forms live under `key.zero|one|two|few|many|other`; Arabic uses all six, English two. */
export function tn(key: string, count: number, params: Params = {}): string {
  const rule = plurals().select(count);
  const dictionary = dictionaryOf(locale.value);
  const text = dictionary[`${key}.${rule}`] ?? dictionary[`${key}.other`] ?? en[`${key}.other` as MessageKey] ?? key;
  return fill(text, { count, ...params });
}

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

// Intl objects are costly to build: one per locale and shape.
type IntlObject =
  Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.RelativeTimeFormat | Intl.ListFormat;
const cache = new Map<string, IntlObject>();
/**
 * Arabic with Latin digits, pinned: what the emails and CSV exports write (src/mail/templates/translator.ts), so a
 * number or date reads the same on screen, in the inbox and in the spreadsheet, whatever the browser's ICU default.
 */
const INTL_LOCALE: Record<Locale, string> = { en: 'en', ar: 'ar-u-nu-latn' };

/** The Intl locale of the language shown, for the few views that build their own formats. */
export const intlLocale = (): string => INTL_LOCALE[locale.value];

function memo<T extends IntlObject>(name: string, make: (locale: string) => T): T {
  const key = `${locale.value}:${name}`;
  let value = cache.get(key) as T | undefined;
  if (!value) cache.set(key, (value = make(INTL_LOCALE[locale.value])));
  return value;
}

const plurals = () => memo('plural', (l) => new Intl.PluralRules(l));

export function formatNumber(value: number): string {
  return memo('number', (l) => new Intl.NumberFormat(l)).format(value);
}

export function formatPercent(share: number): string {
  return memo('percent', (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

export function formatDateTime(iso: string): string {
  return memo('datetime', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' })).format(
    new Date(iso),
  );
}

/** A calendar date (YYYY-MM-DD) shown as that day wherever the reader is: formatted in UTC. */
export function formatDay(day: string): string {
  return memo('day', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' })).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** This client's language as the renderers shared with the server's emails want it (notification texts). */
export const translator: Translator = { t, tn, formatDay };

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const format = memo('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

export function formatList(items: string[]): string {
  return memo('list', (l) => new Intl.ListFormat(l, { type: 'conjunction' })).format(items);
}
