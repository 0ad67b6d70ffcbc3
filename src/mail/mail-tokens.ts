import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** A key for one purpose only, derived from the server secret: a token of one kind is never valid as another. */
function keyFor(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'tansiq-mail', purpose, 32));
}

/** What an unsubscribe link turns off: one notification type, or the digest, for one reader. */
export interface UnsubscribeClaim {
  userId: string;
  /** A NotificationType or `digest`. */
  type: string;
}

/**
 * The signed token of an unsubscribe link. It needs no sign-in (RFC 8058: mail clients POST it for the reader) and
 * does not expire: a link in an old email must still work. It can only ever turn one kind of email off for one
 * reader, so there is nothing to revoke.
 */
export function signUnsubscribe(secret: string, claim: UnsubscribeClaim): string {
  const body = Buffer.from(`${claim.userId}:${claim.type}`).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export function verifyUnsubscribe(secret: string, token: string): UnsubscribeClaim | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [userId, type, rest] = Buffer.from(body, 'base64url').toString('utf8').split(':');
  if (!userId || !type || rest !== undefined) return null;
  return { userId, type };
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', keyFor(secret, 'unsubscribe')).update(body).digest('base64url');
}

/**
 * Encrypts a secret an email will carry (an invitation's token) while it waits in the outbox. Other stored secrets
 * (an identity provider's client secret) name a purpose of their own: each purpose has its own key, so what was
 * sealed for one is never opened as another.
 */
export function seal(secret: string, text: string, purpose = 'outbox'): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

export function unseal(secret: string, sealed: string, purpose = 'outbox'): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
