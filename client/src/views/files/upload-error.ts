import type { ErrorResponse, Locale } from '../../api/server-types';
import { dictionaryOf } from '../../i18n/dictionaries';
import { en, type MessageKey } from '../../i18n/en';

const say = (key: MessageKey, locale: Locale) => dictionaryOf(locale)[key] ?? en[key];

/**
 * Why a file was refused when the answer carries no API code — a 413 or 415 from a proxy in front of the server — in
 * the client's words. Null when the API's code says it (the error catalogue has `file-too-large`,
 * `group-quota-exceeded` and `file-type-refused` in both languages) and for every other failure.
 */
export function fileRefusalText(status: number, body: Partial<ErrorResponse>, locale: Locale): string | null {
  if (body.code) return null;
  if (status === 415) return say('files.error.typeRefused', locale);
  if (status === 413) return say('files.error.tooLargeNoMax', locale);
  return null;
}
