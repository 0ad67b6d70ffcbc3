import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { feedAppend, feedAppendRows } from '../events/change-feed.repository';
import { MessageDraft, MessageDto, MessageRecord } from './dto/message.dto';
import { Message } from './entities/message.entity';
import { MessageVersion } from './entities/message-version.entity';

/** A message with its author's name, as every message query reads it (a MessageRecord). */
const MESSAGE_SELECT = `SELECT m.id, m.thread_id AS "threadId", m.group_id AS "groupId", m.seq, m.parent_id AS "parentId",
    m.author_id AS "authorId", a.display_name AS "authorName", m.body, m.body_html AS "bodyHtml", m.mentions,
    m.edited_at AS "editedAt", m.deleted_at AS "deletedAt", m.created_at AS "createdAt"
  FROM messages m LEFT JOIN users a ON a.id = m.author_id`;

/**
 * A page of a thread, older or newer than a seq ($1 thread, $2 seq, $3 rows): fixed text, so each is a prepared
 * statement. The REST benchmark's baseline runs these same statements.
 */
export const MESSAGE_PAGES = {
  older: `${MESSAGE_SELECT}
           WHERE m.thread_id = $1 AND ($2::bigint IS NULL OR m.seq < $2::bigint) ORDER BY m.seq DESC LIMIT $3`,
  newer: `${MESSAGE_SELECT}
           WHERE m.thread_id = $1 AND m.seq > $2::bigint ORDER BY m.seq ASC LIMIT $3`,
};

/**
 * The whole write of one message as one statement, so one round trip and, outside a transaction, one commit: the
 * feed's append (`feedAppend`: the group's next seq, which locks the group row so seqs commit in order, and the
 * `message.created` event), the message, its count on its thread and, with a client id, the acknowledgement a retry
 * gets back. The event's payload is the draft ($10) with its seq and time stamped in: the one object the feed, the
 * acknowledgement and the sender get.
 *
 * Writes nothing (no row returned) when the client id was used before or the thread is a closed recommendation.
 * Two concurrent sends with one client id both pass the NOT EXISTS; the second then waits on the group row and
 * fails on the key's primary key, whole, once the first commits (a unique violation for the caller to read back).
 */
const INSERT_MESSAGE = `WITH ${feedAppend({
  groupId: '$3',
  type: `'message.created'`,
  actorId: '$1',
  payload: `$10::jsonb || jsonb_build_object('seq', seq, 'createdAt',
    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
  onlyIf: [
    'NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND client_id = $2)',
    `NOT EXISTS (SELECT 1 FROM threads WHERE id = $5 AND kind = 'recommendation' AND status = 'closed')`,
  ],
})}, message AS (
    INSERT INTO messages (id, thread_id, group_id, seq, author_id, parent_id, body, body_html, mentions, created_at)
    SELECT $4, $5, $3, seq, $1, $6, $7, $8, $9::uuid[], at FROM feed_seq
  ), thread AS (
    UPDATE threads SET message_count = message_count + 1, last_activity_at = now()
     WHERE id = $5 AND EXISTS (SELECT 1 FROM feed_seq)
  ), acknowledgement AS (
    INSERT INTO idempotency_keys (user_id, client_id, response)
    SELECT $1, $2, jsonb_build_object('message', payload, 'seq', seq) FROM feed_event WHERE $2::varchar IS NOT NULL
  )
  SELECT payload FROM feed_event`;

/**
 * INSERT_MESSAGE for several messages of one group ($1) at once, so they share one statement and one commit (group
 * commit, see message-batcher.ts). $2 is a JSON array of `{ clientId, draft }` in arrival order; their seqs are
 * consecutive in that order (`feedAppendRows`). A message whose client id was used before, or whose thread is a
 * closed recommendation, is left out and takes no seq. Two client ids alike in one batch are the caller's to merge:
 * here they would fail the statement on the key's primary key, as a concurrent send with the same id does.
 * Returns the written messages' payloads in seq order.
 */
const INSERT_MESSAGES = `WITH given AS (
    SELECT e.item->>'clientId' AS "clientId", e.item->'draft' AS draft, (e.item->'draft'->'author'->>'id')::uuid AS "authorId",
      (e.item->'draft'->>'threadId')::uuid AS "threadId", e.n
      FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(item, n)
  ), accepted AS (
    SELECT g.*, row_number() OVER (ORDER BY g.n) AS ord FROM given g
     WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.user_id = g."authorId" AND k.client_id = g."clientId")
       AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.id = g."threadId" AND t.kind = 'recommendation' AND t.status = 'closed')
  ), ${feedAppendRows({
    groupId: '$1',
    rows: 'accepted',
    type: `'message.created'`,
    actorId: '"authorId"',
    payload: `draft || jsonb_build_object('seq', seq, 'createdAt',
      to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
  })}, message AS (
    INSERT INTO messages (id, thread_id, group_id, seq, author_id, parent_id, body, body_html, mentions, created_at)
    SELECT (draft->>'id')::uuid, "threadId", $1, seq, "authorId", (draft->>'parentId')::uuid, draft->>'body',
      draft->>'bodyHtml', ARRAY(SELECT jsonb_array_elements_text(draft->'mentions'))::uuid[], at
      FROM feed_rows ORDER BY seq
  ), thread AS (
    UPDATE threads t SET message_count = t.message_count + c.added, last_activity_at = now()
      FROM (SELECT "threadId", count(*) AS added FROM feed_rows GROUP BY "threadId") c WHERE t.id = c."threadId"
  ), acknowledgement AS (
    INSERT INTO idempotency_keys (user_id, client_id, response)
    SELECT r."authorId", r."clientId", jsonb_build_object('message', e.payload, 'seq', e.seq)
      FROM feed_rows r JOIN feed_event e ON e.seq = r.seq WHERE r."clientId" IS NOT NULL
  )
  SELECT payload FROM feed_event ORDER BY seq`;

/** What every stored copy of a deleted message is overwritten with: the tombstone's own fields. */
const REDACTED = JSON.stringify({
  body: null,
  bodyHtml: '',
  mentions: [],
  reactions: [],
  attachments: [],
  deleted: true,
});

export type MessageVersionRecord = Pick<MessageVersion, 'body' | 'bodyHtml' | 'createdAt'>;

/** Queries of messages, their earlier versions and the copies of their text elsewhere. */
@Injectable()
export class MessageRepository {
  constructor(private readonly db: DataSource) {}

  /** The stored message with its seq and time, or null when nothing was written (see INSERT_MESSAGE). */
  async insert(db: EntityManager, message: MessageDraft, clientId: string | null): Promise<MessageDto | null> {
    const rows = await preparedQuery<{ payload: MessageDto }>(db, 'tansiq.insert-message', INSERT_MESSAGE, [
      message.author?.id ?? null,
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
    return rows[0]?.payload ?? null;
  }

  /** Several new messages of one group in one statement (see INSERT_MESSAGES): the written ones, in seq order. */
  async insertMany(
    groupId: string,
    messages: { draft: MessageDraft; clientId: string | null }[],
  ): Promise<MessageDto[]> {
    const rows = await preparedQuery<{ payload: MessageDto }>(
      this.db.manager,
      'tansiq.insert-messages',
      INSERT_MESSAGES,
      [groupId, JSON.stringify(messages)],
    );
    return rows.map((row) => row.payload);
  }

  /**
   * Writes the files a new message was given (claimed after its insert, which they reference) into the copies that
   * insert stored: its `message.created` event and, with a client id, the acknowledgement a retry gets back.
   */
  async storeAttachments(
    tx: EntityManager,
    message: Pick<MessageDto, 'groupId' | 'seq' | 'attachments'> & { authorId: string; clientId: string | null },
  ): Promise<void> {
    const files = JSON.stringify(message.attachments);
    await tx.query(
      `UPDATE group_events SET payload = jsonb_set(payload, '{attachments}', $3::jsonb) WHERE group_id = $1 AND seq = $2`,
      [message.groupId, message.seq, files],
    );
    if (message.clientId) {
      await tx.query(
        `UPDATE idempotency_keys SET response = jsonb_set(response, '{message,attachments}', $3::jsonb)
          WHERE user_id = $1 AND client_id = $2`,
        [message.authorId, message.clientId, files],
      );
    }
  }

  /** Up to `limit` messages of a thread beside a seq: below it (or the newest when null), or above it. */
  page(direction: keyof typeof MESSAGE_PAGES, threadId: string, seq: number | null, limit: number) {
    return preparedQuery<MessageRecord>(this.db.manager, `tansiq.messages-${direction}`, MESSAGE_PAGES[direction], [
      threadId,
      seq,
      limit,
    ]);
  }

  async find(db: EntityManager, messageId: string): Promise<MessageRecord | null> {
    const [row]: MessageRecord[] = await db.query(`${MESSAGE_SELECT} WHERE m.id = $1`, [messageId]);
    return row ?? null;
  }

  /** The message's seq, when it is one of the thread's. */
  async seqInThread(threadId: string, messageId: string): Promise<string | null> {
    const [row]: Pick<Message, 'seq'>[] = await this.db.query(
      'SELECT seq FROM messages WHERE id = $1 AND thread_id = $2',
      [messageId, threadId],
    );
    return row?.seq ?? null;
  }

  async threadAndParent(db: EntityManager, messageId: string): Promise<Pick<Message, 'threadId' | 'parentId'> | null> {
    const [row]: Pick<Message, 'threadId' | 'parentId'>[] = await db.query(
      'SELECT thread_id AS "threadId", parent_id AS "parentId" FROM messages WHERE id = $1',
      [messageId],
    );
    return row ?? null;
  }

  /** Locks the message until commit: its thread and whether it is deleted. */
  async lock(tx: EntityManager, messageId: string): Promise<Pick<Message, 'threadId' | 'deletedAt'>> {
    const [row]: Pick<Message, 'threadId' | 'deletedAt'>[] = await tx.query(
      'SELECT thread_id AS "threadId", deleted_at AS "deletedAt" FROM messages WHERE id = $1 FOR UPDATE',
      [messageId],
    );
    return row;
  }

  /** Replaces the text, keeping the one it replaces as a version (the row locked first). */
  async rewrite(tx: EntityManager, messageId: string, text: Pick<Message, 'body' | 'bodyHtml' | 'mentions'>) {
    const [current]: Pick<Message, 'body' | 'bodyHtml'>[] = await tx.query(
      'SELECT body, body_html AS "bodyHtml" FROM messages WHERE id = $1 FOR UPDATE',
      [messageId],
    );
    await tx.query('INSERT INTO message_versions (message_id, body, body_html) VALUES ($1, $2, $3)', [
      messageId,
      current.body,
      current.bodyHtml,
    ]);
    await tx.query('UPDATE messages SET body = $2, body_html = $3, mentions = $4, edited_at = now() WHERE id = $1', [
      messageId,
      text.body,
      text.bodyHtml,
      text.mentions,
    ]);
  }

  /** Earlier texts, oldest first. */
  versions(messageId: string): Promise<MessageVersionRecord[]> {
    return this.db.query(
      `SELECT body, body_html AS "bodyHtml", created_at AS "createdAt" FROM message_versions
        WHERE message_id = $1 ORDER BY created_at, id`,
      [messageId],
    );
  }

  /**
   * Makes the message a tombstone (its row stays, so replies keep their place), uncounts it on its thread, and
   * removes its text everywhere it was kept: its earlier versions are deleted and its copies overwritten:
   * - the change feed's `message.created` and `message.updated` events, which every member (and every later joiner)
   *   replays for EVENT_RETENTION_DAYS; they come at or after the message's own seq, so the primary key finds them;
   * - the acknowledgement stored with the author's retry key, which a retry would be answered with.
   * Search reads the message row, whose body is emptied; mention notifications carry no text.
   */
  async tombstone(
    tx: EntityManager,
    message: Pick<Message, 'id' | 'threadId' | 'groupId' | 'authorId'> & { seq: number },
  ): Promise<void> {
    await tx.query(`UPDATE messages SET body = '', body_html = '', mentions = '{}', deleted_at = now() WHERE id = $1`, [
      message.id,
    ]);
    await tx.query('DELETE FROM message_versions WHERE message_id = $1', [message.id]);
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
    await tx.query('UPDATE threads SET message_count = greatest(message_count - 1, 0) WHERE id = $1', [
      message.threadId,
    ]);
  }
}
