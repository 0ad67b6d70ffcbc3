/**
 * Set on every email Tansiq sends. A message carrying it that comes back to the inbound listener is our own email
 * returned (a forwarding rule, an auto-responder quoting headers): posting it could start a loop.
 */
export const LOOP_HEADER = 'X-Tansiq-Loop';

/** More relays than any real path takes (Postfix refuses at 50): the message is going round in circles. */
export const MAX_RECEIVED_HEADERS = 30;

/** One header line as mailparser gives it: `key` lower-cased, `line` the whole raw line. */
export interface HeaderLine {
  key: string;
  line: string;
}

export type AutomaticReason = 'loop-header' | 'loop-from' | 'too-many-hops' | 'auto-reply' | 'bulk-precedence';

/** The value of a raw header line, unfolded. */
export function headerValue(line: string): string {
  const colon = line.indexOf(':');
  return (colon < 0 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
}

/**
 * Why a message was not written by a person answering by hand, or null. Checked before anything else and never
 * answered (RFC 3834: an automatic message must not get an automatic answer).
 */
export function automaticReason(
  headers: readonly HeaderLine[],
  from: string | null,
  ourFrom: string,
): AutomaticReason | null {
  const values = (key: string) => headers.filter((h) => h.key === key).map((h) => headerValue(h.line).toLowerCase());
  if (values(LOOP_HEADER.toLowerCase()).length > 0) return 'loop-header';
  if (from !== null && from.toLowerCase() === addressOf(ourFrom).toLowerCase()) return 'loop-from';
  if (values('received').length > MAX_RECEIVED_HEADERS) return 'too-many-hops';
  // "Auto-Submitted: no" is the one value that says a person sent it; parameters may follow a semicolon.
  if (values('auto-submitted').some((v) => v.split(';')[0].trim() !== 'no')) return 'auto-reply';
  if (values('x-autoreply').length > 0 || values('x-autorespond').length > 0) return 'auto-reply';
  if (values('precedence').some((v) => ['bulk', 'junk', 'list', 'auto_reply'].includes(v))) return 'bulk-precedence';
  return null;
}

/** The address in "Name <address>" or a bare address. */
export function addressOf(mailbox: string): string {
  return (/<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim();
}
