import { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { MessageDto } from './dto/message.dto';

/** A new message, rendered and checked; seq and createdAt are the database's to give. */
export interface NewMessage {
  message: Omit<MessageDto, 'seq' | 'createdAt'>;
  /** The sender's retry key, if any: a second send with it writes nothing. */
  clientId: string | null;
}

/**
 * The whole write of one message as one statement, so one round trip and, outside a transaction, one commit:
 * take the group's next seq (which locks the group row, so seqs commit in order), insert the message, count it on
 * its thread, store the feed event and, with a client id, the acknowledgement a retry gets back.
 *
 * Writes nothing (no row returned) when the client id was used before or the thread is a closed recommendation.
 * Two concurrent sends with one client id both pass the NOT EXISTS; the second then waits on the group row and
 * fails on the key's primary key, whole, once the first commits (a unique violation for the caller to read back).
 *
 * createdAt is the transaction's time cut to milliseconds, the precision of a JavaScript Date, so the answer, the
 * feed event and every later read of the row say the same instant.
 */
const INSERT_MESSAGE = `
  WITH seq AS (
    UPDATE working_groups SET last_seq = last_seq + 1
     WHERE id = $3
       AND NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND client_id = $2)
       AND NOT EXISTS (SELECT 1 FROM threads WHERE id = $5 AND kind = 'recommendation' AND status = 'closed')
    RETURNING last_seq AS seq, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
  ), dto AS (
    SELECT seq, at, $10::jsonb || jsonb_build_object('seq', seq, 'createdAt', at) AS message FROM seq
  ), message AS (
    INSERT INTO messages (id, thread_id, group_id, seq, author_id, parent_id, body, body_html, mentions, created_at)
    SELECT $4, $5, $3, seq, $1, $6, $7, $8, $9::uuid[], at::timestamptz FROM dto
  ), thread AS (
    UPDATE threads SET message_count = message_count + 1, last_activity_at = now()
     WHERE id = $5 AND EXISTS (SELECT 1 FROM dto)
  ), event AS (
    INSERT INTO group_events (group_id, seq, type, payload, actor_id, created_at)
    SELECT $3, seq, 'message.created', message, $1, at::timestamptz FROM dto
  ), acknowledgement AS (
    INSERT INTO idempotency_keys (user_id, client_id, response)
    SELECT $1, $2, jsonb_build_object('message', message, 'seq', seq) FROM dto WHERE $2::varchar IS NOT NULL
  )
  SELECT seq, at FROM dto`;

/** The stored message with its seq and time, or null when nothing was written (see INSERT_MESSAGE). */
export async function insertMessage(db: EntityManager, input: NewMessage): Promise<MessageDto | null> {
  const { message, clientId } = input;
  const rows = await preparedQuery<{ seq: string; at: string }>(db, 'tansiq.insert-message', INSERT_MESSAGE, [
    message.author!.id,
    clientId,
    message.groupId,
    message.id,
    message.threadId,
    message.parentId,
    message.body,
    message.bodyHtml,
    message.mentions,
    JSON.stringify(message),
  ]);
  if (rows.length === 0) return null;
  return { ...message, seq: Number(rows[0].seq), createdAt: rows[0].at };
}
