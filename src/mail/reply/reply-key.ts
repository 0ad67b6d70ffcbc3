import { createHash, createHmac } from 'node:crypto';

/**
 * 48 hex digits (192 bits): lowercase hex survives mail systems that fold the local part's case, and
 * `reply+` + 48 stays well inside the 64 characters a local part may have.
 */
export const REPLY_KEY_LENGTH = 48;
const LOCAL_PART = new RegExp(`^reply\\+([0-9a-f]{${REPLY_KEY_LENGTH}})$`);

/**
 * The key of one generation of a person's reply address for a thread. Derived, not stored: the server can say it
 * again for every email without keeping it anywhere a database dump would show, and it cannot be made without the
 * server secret. The label keeps these HMACs apart from anything else signed with the same secret.
 */
export function deriveReplyKey(secret: string, userId: string, threadId: string, generation: number): string {
  return createHmac('sha256', secret)
    .update(`tansiq.mail-reply:${userId}:${threadId}:${generation}`)
    .digest('hex')
    .slice(0, REPLY_KEY_LENGTH);
}

/** What is stored and looked up: a key's SHA-256, hex. */
export function hashReplyKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function replyAddress(key: string, domain: string): string {
  return `reply+${key}@${domain}`;
}

/**
 * The key in a recipient address, or null when it is not one of our reply addresses. Case-insensitive: some
 * relays upper-case local parts, and the key is hex.
 */
export function keyOfAddress(address: string, domain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return null;
  return LOCAL_PART.exec(address.slice(0, at).toLowerCase())?.[1] ?? null;
}
