/**
 * Why a sign-in through an identity provider did not happen. The browser is sent back to the client's sign-in screen
 * with the code in the URL (`/login?sso-error=<code>`), which the client says in the reader's language; the log says
 * more, without a secret.
 */
export const SSO_REFUSALS = [
  /** No enabled identity provider for that organization (never configured, disabled or removed). */
  'sso-unavailable',
  /** Its discovery document or keys could not be fetched, or its stored secret cannot be opened. */
  'sso-provider-unreachable',
  /** The callback's state is missing, unknown, already spent, or was started in another browser. */
  'sso-state-invalid',
  /** More than SSO_LOGIN_TTL_MS passed between the redirect and the callback. */
  'sso-expired',
  /** The provider answered with an error (the person cancelled, or the provider refused). */
  'sso-denied',
  /** The answer failed a check: issuer, audience, nonce, signature, expiry, PKCE or the code itself. */
  'sso-response-invalid',
  /** The provider does not vouch for the address (`email_verified` is not true), or gave none. */
  'sso-email-unverified',
  /** The address is not on one of the domains the workspace admin allowed this provider. */
  'sso-domain-not-allowed',
  /** The address belongs to an account this identity may not take (a service account, or another subject's). */
  'sso-account-unavailable',
  /** Anything unexpected (the database away): logged with its cause. */
  'sso-failed',
] as const;
export type SsoRefusalCode = (typeof SSO_REFUSALS)[number];

export class SsoRefused extends Error {
  constructor(
    readonly code: SsoRefusalCode,
    /** For the log only: never shown to the person, never holding a token or secret. */
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
