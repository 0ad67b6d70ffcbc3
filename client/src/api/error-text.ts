import { errorText, fieldErrorText } from '../../../src/common/errors/error-text';
import { locale } from '../i18n/i18n';
import type { ErrorResponse, FieldError } from './server-types';

/*
 * An API error said in the language the client shows, from its code through the catalogue the server renders with
 * (src/common/errors/texts). The server already answers in the language the client sends (Accept-Language); reading
 * the code here also covers an answer given before the reader switched languages. A code this client does not know
 * (a newer server) falls back to the server's message.
 */

export function sayFieldError(detail: FieldError): string {
  return fieldErrorText(detail, locale.value) ?? detail.message;
}

export function sayError(body: ErrorResponse): string {
  // One broken field is the whole story, as the server says it too.
  if (body.code === 'validation-failed' && body.details?.length === 1) return sayFieldError(body.details[0]);
  return (body.code && errorText(body.code, body.params, locale.value)) ?? body.message;
}
