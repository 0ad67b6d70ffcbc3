import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export type LinkVariant = 'file' | 'thumbnail';

/** What a download link carries: the attachment, the user it was made for, the variant and its expiry (seconds). */
export interface LinkClaims {
  a: string;
  u: string;
  v: LinkVariant;
  e: number;
}

/**
 * A key of its own for download links, derived from the JWT secret (HKDF-SHA256): a link can never pass for an
 * access token or the reverse, and no new secret has to be configured.
 */
export function linkKey(jwtSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', jwtSecret, 'tansiq', 'tansiq attachment links v1', 32));
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/** `base64url(JSON payload).base64url(HMAC-SHA256)`: short enough for a URL path, readable by nobody but us. */
export function signLink(key: Buffer, claims: LinkClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The claims of a link we signed that has not expired, or null (forged, altered, malformed, expired: the caller
 * answers 404 for all of them). The signature is compared in constant time before the payload is parsed.
 */
export function verifyLink(key: Buffer, token: string, nowSeconds = Date.now() / 1000): LinkClaims | null {
  if (token.length > 512) return null;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = mac(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isClaims(claims) || claims.e <= nowSeconds) return null;
  return claims;
}

function isClaims(value: unknown): value is LinkClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.a === 'string' &&
    UUID.test(c.a) &&
    typeof c.u === 'string' &&
    UUID.test(c.u) &&
    (c.v === 'file' || c.v === 'thumbnail') &&
    typeof c.e === 'number' &&
    Number.isFinite(c.e)
  );
}
