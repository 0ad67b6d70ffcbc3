import { ar as arWords } from '../../notifications/texts/ar';
import { en as enWords } from '../../notifications/texts/en';
import { ar, arField } from './texts/ar';
import { arFieldName } from './texts/ar-field-names';
import { en, enField, type ErrorCode, type FieldErrorCode } from './texts/en';

/*
 * How an error code reads in a language. Pure and free of DOM and Node APIs: the server renders `message` with it
 * and the web client bundles it to say a code in the language it shows.
 */

export type ErrorLocale = 'en' | 'ar';
export type ErrorParams = Record<string, string | number>;

const CODES: Record<ErrorLocale, Record<string, string>> = { en, ar };
const FIELD_CODES: Record<ErrorLocale, Record<string, string>> = { en: enField, ar: arField };

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(en, code);
}

export function isFieldErrorCode(code: unknown): code is FieldErrorCode {
  return typeof code === 'string' && Object.hasOwn(enField, code);
}

/**
 * Action statuses travel as machine values (`in-progress`) in `params`, for programs; a person reads them by the
 * names the notifications use, in the same language as the sentence around them.
 */
const STATUS_KEYS: Record<string, keyof typeof enWords> = {
  open: 'status.open',
  'in-progress': 'status.inProgress',
  blocked: 'status.blocked',
  done: 'status.done',
  cancelled: 'status.cancelled',
};
const STATUS_PARAMS = new Set(['status', 'from', 'to']);
const WORDS: Record<ErrorLocale, Record<string, string>> = { en: enWords, ar: arWords };

function fill(template: string, params: ErrorParams, locale: ErrorLocale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = String(params[name]);
    const statusKey = STATUS_PARAMS.has(name) && Object.hasOwn(STATUS_KEYS, value) ? STATUS_KEYS[value] : null;
    return statusKey ? WORDS[locale][statusKey] : value;
  });
}

/** The message of an error code in a language, or null for a code this catalogue does not know (a newer server). */
export function errorText(code: string, params: ErrorParams = {}, locale: ErrorLocale = 'en'): string | null {
  if (!Object.hasOwn(en, code)) return null;
  return fill(CODES[locale][code] ?? CODES.en[code], params, locale);
}

/** What is wrong with one field, naming it, or null for an unknown code. */
export function fieldErrorText(
  detail: { field: string; code?: string; params?: ErrorParams },
  locale: ErrorLocale = 'en',
): string | null {
  if (!detail.code || !Object.hasOwn(enField, detail.code)) return null;
  return fill(
    FIELD_CODES[locale][detail.code] ?? FIELD_CODES.en[detail.code],
    { ...detail.params, field: locale === 'ar' ? arFieldName(detail.field) : detail.field },
    locale,
  );
}
