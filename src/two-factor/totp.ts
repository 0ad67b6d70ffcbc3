import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it by default: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: a phone clock a little off, or a code typed as it changed, still counts. */
const WINDOW = 1;
export const TOTP_ISSUER = 'Tansiq';

/** A new secret: 160 random bits (RFC 4226's recommended length), in the base32 the apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = ''): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountLabel: string): string {
  return totpOf(secret, accountLabel).toString();
}

/** The 30-second step a time falls in: what makes a code usable once only (the server keeps the last one used). */
export function totpStep(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / PERIOD_SECONDS);
}

/**
 * The step the code belongs to when it is right for `timestampMs` (within one step either side), else null.
 * The caller accepts it only if that step is later than the last step used: a code cannot be replayed.
 */
export function matchTotp(secret: string, code: string, timestampMs = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp: timestampMs, window: WINDOW });
  return delta === null ? null : totpStep(timestampMs) + delta;
}

/** The code for a time: for tests and the browser test's "authenticator app". */
export function totpCode(secret: string, timestampMs = Date.now()): string {
  return totpOf(secret).generate({ timestamp: timestampMs });
}
