import { createHash, randomBytes } from 'node:crypto';

/** Every API token starts with this, so the guard tells one from a JWT without trying to verify it. */
export const API_TOKEN_PREFIX = 'tsq_';

export const API_TOKEN_ACCESS = ['read', 'read-write'] as const;
export type ApiTokenAccess = (typeof API_TOKEN_ACCESS)[number];

/** 256 random bits, base64url: shown once, never stored. */
export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored and looked up: a fast hash is enough for 256 random bits (no dictionary to try). */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}
