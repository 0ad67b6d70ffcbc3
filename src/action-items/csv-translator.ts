import { ar, arCsv } from '../notifications/texts/ar';
import { en, enCsv, type CsvTextKey, type NotificationTextKey } from '../notifications/texts/en';
import type { TextParams, Translator } from '../notifications/texts/notification-text';
import type { Locale } from '../users/entities/user.entity';

export type CsvTextKeys = NotificationTextKey | CsvTextKey;

/** A CSV's language: its words, its calendar dates and its instants (in UTC, as its headers say). */
export interface CsvTranslator extends Translator<CsvTextKeys> {
  locale: Locale;
  formatInstant(iso: string): string;
}

const DICTIONARIES: Record<Locale, Record<string, string>> = {
  en: { ...en, ...enCsv },
  ar: { ...ar, ...arCsv },
};

// Latin digits in Arabic too, as the screen and the emails show them (see src/mail/templates/translator.ts).
const INTL_LOCALE: Record<Locale, string> = { en: 'en', ar: 'ar-u-nu-latn' };

// One set of formats per language for the life of the process: exports are built often, languages are two.
const translators = new Map<Locale, CsvTranslator>();

/** The translator for a CSV in one language; a key missing in it falls back to English, then to the key. */
export function csvTranslator(locale: Locale): CsvTranslator {
  let tr = translators.get(locale);
  if (!tr) translators.set(locale, (tr = make(locale)));
  return tr;
}

function make(locale: Locale): CsvTranslator {
  const intl = INTL_LOCALE[locale];
  const dictionary = DICTIONARIES[locale];
  const plurals = new Intl.PluralRules(intl);
  const numbers = new Intl.NumberFormat(intl);
  const days = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' });
  const instants = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const lookup = (key: string): string | undefined => dictionary[key] ?? DICTIONARIES.en[key];
  const fill = (text: string, params: TextParams): string =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  return {
    locale,
    t: (key, params = {}) => fill(lookup(key) ?? key, params),
    tn: (key, count, params = {}) =>
      fill(lookup(`${key}.${plurals.select(count)}`) ?? lookup(`${key}.other`) ?? key, { count, ...params }),
    formatDay: (day) => days.format(new Date(`${day}T00:00:00Z`)),
    formatInstant: (iso) => instants.format(new Date(iso)),
  };
}
