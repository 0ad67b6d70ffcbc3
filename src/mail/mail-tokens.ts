import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

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
