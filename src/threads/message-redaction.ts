import { EntityManager } from 'typeorm';

/** What every stored copy of a deleted message is overwritten with: the tombstone's own fields. */
const REDACTED = JSON.stringify({ body: null, bodyHtml: '', mentions: [], reactions: [], deleted: true });

/**
 * A deleted message's text must not outlive it anywhere, so the delete's transaction also overwrites its copies:
 * - the change feed's `message.created` and `message.updated` events, which every member (and every later joiner)
 *   replays for EVENT_RETENTION_DAYS; they come at or after the message's own seq, so the primary key finds them;
 * - the acknowledgement stored with the author's retry key, which a retry would be answered with.
 * Its earlier versions are deleted by the caller; search reads the message row, whose body is emptied; mention
 * notifications carry no text.
 */
export async function redactCopies(
  tx: EntityManager,
  message: { id: string; groupId: string; seq: number; authorId: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE group_events SET payload = payload || $4::jsonb
      WHERE group_id = $1 AND seq >= $2 AND type IN ('message.created', 'message.updated') AND payload->>'id' = $3`,
    [message.groupId, message.seq, message.id, REDACTED],
  );
  if (message.authorId) {
    await tx.query(
      `UPDATE idempotency_keys SET response = jsonb_set(response, '{message}', (response->'message') || $3::jsonb)
        WHERE user_id = $1 AND response->'message'->>'id' = $2`,
      [message.authorId, message.id, REDACTED],
    );
  }
}
