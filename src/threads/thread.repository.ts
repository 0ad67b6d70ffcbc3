import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { attachedFilesJson } from '../attachments/attachment-places.repository';
import { MyThreadRecord, ThreadRecord } from './dto/thread.dto';
import { Thread, ThreadKind } from './entities/thread.entity';

/** A thread with its author's name and its proposal's files, as every thread query reads it (a ThreadRecord). */
const THREAD_COLUMNS = `${attachedFilesJson(`f.thread_id = t.id AND f.place = 'proposal'`)} AS attachments, t.id, t.group_id AS "groupId", t.kind, t.title, t.author_id AS "authorId",
  a.display_name AS "authorName", t.pinned, t.status, t.gcm_objectives AS "gcmObjectives", t.proposal,
  t.proposal_html AS "proposalHtml", t.outcome, t.outcome_statement AS "outcomeStatement",
  to_char(t.review_date, 'YYYY-MM-DD') AS "reviewDate", t.closed_at AS "closedAt", t.message_count AS "messageCount",
  t.last_activity_at AS "lastActivityAt", t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;
const THREAD_FROM = 'threads t LEFT JOIN users a ON a.id = t.author_id';

/** What an update may change; a field left undefined is left as it is. */
export type ThreadChanges = Partial<
  Pick<Thread, 'title' | 'pinned' | 'status' | 'gcmObjectives' | 'proposal' | 'proposalHtml'>
>;

export interface NewThread {
  groupId: string;
  kind: ThreadKind;
  title: string;
  authorId: string;
  gcmObjectives: number[];
  proposal: string | null;
  proposalHtml: string | null;
}

/** The position of the last thread of a page in the list's order: pinned first, then by last activity. */
export type ThreadCursor = [pinned: number, lastActivityAt: string, id: string];

/** Queries of threads and of how far each member has read them. */
@Injectable()
export class ThreadRepository {
  constructor(private readonly db: DataSource) {}

  /** Up to `limit` threads of a group after the cursor (pass one more to learn if there is a next page). */
  page(groupId: string, userId: string, cursor: ThreadCursor | null, limit: number): Promise<MyThreadRecord[]> {
    return this.db.query(
      `SELECT ${THREAD_COLUMNS}, (
          SELECT count(*) FROM messages m
           WHERE m.thread_id = t.id AND m.deleted_at IS NULL AND m.author_id IS DISTINCT FROM $2
             AND m.seq > coalesce(r.last_read_seq, 0)
        ) AS "unreadCount"
         FROM ${THREAD_FROM}
         LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = $2
        WHERE t.group_id = $1
          AND ($3::int IS NULL OR (t.pinned::int, t.last_activity_at, t.id) < ($3::int, $4::timestamptz, $5::uuid))
        ORDER BY t.pinned::int DESC, t.last_activity_at DESC, t.id DESC
        LIMIT $6`,
      [groupId, userId, cursor?.[0] ?? null, cursor?.[1] ?? null, cursor?.[2] ?? null, limit],
    );
  }

  async find(db: EntityManager, threadId: string): Promise<ThreadRecord | null> {
    const [row]: ThreadRecord[] = await db.query(`SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM} WHERE t.id = $1`, [
      threadId,
    ]);
    return row ?? null;
  }

  async insert(tx: EntityManager, thread: NewThread): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO threads (group_id, kind, title, author_id, gcm_objectives, proposal, proposal_html)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        thread.groupId,
        thread.kind,
        thread.title,
        thread.authorId,
        thread.gcmObjectives,
        thread.proposal,
        thread.proposalHtml,
      ],
    );
    return id;
  }

  /**
   * The fields given, and updated_at (the entity's update date column). The query builder writes the SET from the
   * entity's own column names, for whichever fields a request brings.
   */
  async update(tx: EntityManager, threadId: string, changes: ThreadChanges): Promise<void> {
    await tx.createQueryBuilder().update(Thread).set(changes).where('id = :threadId', { threadId }).execute();
  }

  /** Reads up to `seq`, or up to the group's newest event when null; never moves backwards. */
  async markRead(threadId: string, userId: string, groupId: string, seq: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO thread_reads (thread_id, user_id, last_read_seq)
       SELECT $1, $2, coalesce($3::bigint, last_seq) FROM working_groups WHERE id = $4
       ON CONFLICT (thread_id, user_id) DO UPDATE SET last_read_seq = GREATEST(thread_reads.last_read_seq, EXCLUDED.last_read_seq)`,
      [threadId, userId, seq, groupId],
    );
  }

  /** Live messages of others the user has not read. */
  async unreadCount(threadId: string, userId: string): Promise<number> {
    const [{ count }]: { count: number }[] = await this.db.query(
      `SELECT count(*)::int AS count FROM messages m JOIN thread_reads r ON r.thread_id = m.thread_id AND r.user_id = $2
        WHERE m.thread_id = $1 AND m.deleted_at IS NULL AND m.author_id IS DISTINCT FROM $2 AND m.seq > r.last_read_seq`,
      [threadId, userId],
    );
    return Number(count);
  }
}
