import type { ComponentChildren } from 'preact';
import { sayError, sayFieldError } from '../api/error-text';
import { ApiError } from '../api/http';
import { t } from '../i18n/i18n';

/** A labelled control with its error, wired with aria-describedby / aria-invalid. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** aria attributes for a control inside a Field. */
export function described(id: string, error?: string, hint?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined };
}

/** Field errors of a 400 answer, by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.body.details) return {};
  return Object.fromEntries(error.body.details.map((d) => [d.field, sayFieldError(d)]));
}

/** Codes that say no more than their status: the client's own wording for the status reads better. */
const STATUS_ONLY = new Set([
  'not-found',
  'forbidden',
  'too-many-requests',
  'internal-error',
  'service-unavailable',
  'database-unavailable',
]);

/** A message for any failure, in the language shown: by code, else by status, else the server's own text. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    // The client's own wording, for refusals where it says what to do next.
    if (error.body.code === 'registration-invite-only') return t('error.registrationInviteOnly');
    if (error.body.code === 'registration-domain-not-allowed') return t('error.registrationDomain');
    if (error.body.code === 'email-not-confirmed') return t('error.emailNotConfirmed');
    if (error.body.code === 'two-factor-required') return t('error.twoFactorRequired');
    if (error.body.code === 'two-factor-locked') return t('error.twoFactorLocked');
    if (error.body.code === 'two-factor-rate-limited') return t('error.rateLimited');
    if (error.body.code === 'two-factor-code-wrong') return t('error.twoFactorCodeWrong');
    if (error.body.code === 'two-factor-challenge-invalid') return t('error.twoFactorChallenge');
    if (error.body.code === 'account-deactivated') return t('error.accountDeactivated');
    const generic = !error.body.code || STATUS_ONLY.has(error.body.code);
    if (generic && error.status === 404) return t('error.notFound');
    if (generic && error.status === 403) return t('error.forbidden');
    if (generic && error.status === 429) return t('error.rateLimited');
    if (generic && error.status >= 500) return t('error.server');
    return sayError(error.body);
  }
  if (error instanceof TypeError) return t('error.network');
  return error instanceof Error ? error.message : String(error);
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="error-note" role="alert">
      {errorText(error)}
    </p>
  );
}
