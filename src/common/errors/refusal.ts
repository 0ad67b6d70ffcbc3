import type { FieldError } from '../error-response';
import { errorText, fieldErrorText, type ErrorParams } from './error-text';
import type { ErrorCode, FieldErrorCode } from './texts/en';

/**
 * The body every refusal passes to Nest's exceptions: `throw new NotFoundException(refusal('thread-not-found'))`.
 * The code is what clients read; `message` is the English text for logs and for code that reads the exception before
 * the filter, which renders it again in the request's language.
 */
export function refusal(
  code: ErrorCode,
  params?: ErrorParams,
): { code: ErrorCode; message: string; params?: ErrorParams } {
  return { code, message: errorText(code, params) ?? code, ...(params ? { params } : {}) };
}

/** One field's problem for a ValidationFailed or a 503's details, with its English text. */
export function fieldError(field: string, code: FieldErrorCode, params?: ErrorParams): FieldError {
  return {
    field,
    code,
    message: fieldErrorText({ field, code, params }) ?? code,
    ...(params ? { params } : {}),
  };
}
