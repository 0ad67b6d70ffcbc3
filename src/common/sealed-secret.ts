import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a sealed secret is for: each purpose has its own key, so one kind of sealed text never opens as another. */
export type SealPurpose = 'outbox' | 'two-factor' | 'identity-provider';

/**
 * A key for one purpose, derived from the server secret. The salt stays `tansiq-mail` (where sealing began) so
 * the invitation tokens already waiting in the outbox still open.
 */
function keyFor(secret: string, purpose: SealPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'tansiq-mail', purpose, 32));
}

/** Encrypts a secret kept at rest (AES-256-GCM: tampering makes unseal throw rather than answer garbage). */
export function seal(secret: string, text: string, purpose: SealPurpose = 'outbox'): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

export function unseal(secret: string, sealed: string, purpose: SealPurpose = 'outbox'): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
