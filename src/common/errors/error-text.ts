import { ar, arField } from './texts/ar';
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

function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The message of an error code in a language, or null for a code this catalogue does not know (a newer server). */
export function errorText(code: string, params: ErrorParams = {}, locale: ErrorLocale = 'en'): string | null {
  if (!Object.hasOwn(en, code)) return null;
  return fill(CODES[locale][code] ?? CODES.en[code], params);
}

/** What is wrong with one field, naming it, or null for an unknown code. */
export function fieldErrorText(
  detail: { field: string; code?: string; params?: ErrorParams },
  locale: ErrorLocale = 'en',
): string | null {
  if (!detail.code || !Object.hasOwn(enField, detail.code)) return null;
  return fill(FIELD_CODES[locale][detail.code] ?? FIELD_CODES.en[detail.code], {
    ...detail.params,
    field: detail.field,
  });
}
