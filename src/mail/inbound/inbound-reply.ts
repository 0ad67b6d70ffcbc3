import type { HeaderLine } from './mail-rules';

/** One email as the inbound service needs it, taken from the parsed message by the listener. */
export interface InboundReply {
  /** The key in the recipient address (reply+<key>@…), lower-cased. */
  key: string;
  /** SHA-256 (hex) of the Message-ID, or of the whole message when it has none. */
  messageIdHash: string;
  /** Every address in From. */
  from: string[];
  headers: readonly HeaderLine[];
  /** The plain text (mailparser derives it from the HTML when there is no text part). */
  text: string;
}

/**
 * What the SMTP session answers after DATA:
 * - `posted`: 250, the reply is in the thread (or was, for a delivery retried);
 * - `dropped`: 250 too, and nothing is done: automatic mail and loops get no bounce, so no bounce can loop;
 * - `refused`: a 5xx the sending server turns into a bounce for the person (they learn their reply did not land),
 *   or a 4xx it retries later (the person is over their message budget, or the server cannot write now).
 *   Refusing within the SMTP session, rather than bouncing afterwards, sends nothing to a forged sender.
 */
export type InboundOutcome =
  | { kind: 'posted'; messageId: string }
  | { kind: 'dropped'; reason: string }
  | { kind: 'refused'; reason: string; code: number; response: string };
