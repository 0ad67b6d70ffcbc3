import type { ErrorResponse, Locale } from '../../api/server-types';
import { ar } from '../../i18n/ar';
import { en, type MessageKey } from '../../i18n/en';
import { errorText as catalogueText } from '../../../../src/common/errors/error-text';
import { formatSize } from './file-format';

const DICTIONARIES: Record<Locale, Record<string, string>> = { en, ar };
const say = (key: MessageKey, locale: Locale, max = '') => (DICTIONARIES[locale][key] ?? en[key]).replace('{max}', max);

/**
 * Why the server refused a file, in the client's words, or null when the general error texts say it. The server's
 * catalogue says these codes once it has them (it wins then); until then, and for a 413 or 415 answered by a proxy
 * without the API's body, the client's dictionary does. Pure: the language is a parameter.
 */
export function fileRefusalText(status: number, body: Partial<ErrorResponse>, locale: Locale): string | null {
  const { code, params } = body;
  if (code && catalogueText(code, params, locale) !== null) return null;
  if (code === 'group-quota-exceeded') return say('files.error.quota', locale);
  if (code === 'file-type-refused' || (!code && status === 415)) return say('files.error.typeRefused', locale);
  if (code === 'file-too-large' || (!code && status === 413)) {
    const max = params?.max;
    if (typeof max === 'number') return say('files.error.tooLarge', locale, maxText(max, locale));
    if (typeof max === 'string' && max) return say('files.error.tooLarge', locale, max);
    return say('files.error.tooLargeNoMax', locale);
  }
  return null;
}

/** `max` may be megabytes (MAX_UPLOAD_MB) or bytes: no upload limit is under 10 kB, nor over 10 GB. */
function maxText(max: number, locale: Locale): string {
  return formatSize(max <= 10_000 ? max * 1024 * 1024 : max, locale);
}
