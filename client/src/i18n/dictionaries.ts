import type { Locale } from '../api/server-types';
import { en } from './en';

/**
 * English is the fallback of every key and comes with the first load; Arabic is fetched when first shown, so the
 * first load carries one language's texts, not two (the client's size budget). No signals here: pure helpers
 * (file sizes, upload refusals) read a dictionary by locale too.
 */
const dictionaries: Partial<Record<Locale, Record<string, string>>> = { en };
let arabic: Promise<void> | null = null;

export function loadDictionary(locale: Locale): Promise<void> {
  if (dictionaries[locale]) return Promise.resolve();
  arabic ??= import('./ar').then((module) => {
    dictionaries.ar = module.ar;
  });
  return arabic;
}

/** A locale's texts once loaded (applyLocale loads before it switches), English until then. */
export function dictionaryOf(locale: Locale): Record<string, string> {
  return dictionaries[locale] ?? en;
}
