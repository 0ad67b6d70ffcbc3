import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** What a reply address is for: a thread (a reply is a message) or an action item (a reply is a progress note). */
export type ReplyKind = 'thread' | 'action';

/** One key row, of either kind: `subjectId` is the thread's or the item's id. */
export interface ReplyKeyRow {
  userId: string;
  subjectId: string;
  generation: number;
  keyHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** Each kind's table (entities MailReplyKey and MailActionReplyKey) and the column naming its subject. */
const TABLES: Record<ReplyKind, { table: string; subject: string }> = {
  thread: { table: 'mail_reply_keys', subject: 'thread_id' },
  action: { table: 'mail_action_reply_keys', subject: 'action_item_id' },
};

const columns = (kind: ReplyKind) => `user_id AS "userId", ${TABLES[kind].subject} AS "subjectId", generation,
  key_hash AS "keyHash", expires_at AS "expiresAt", revoked_at AS "revokedAt"`;

/** Every query on reply keys, of threads and of action items alike. */
@Injectable()
export class ReplyKeyRepository {
  constructor(private readonly db: DataSource) {}

  /** The user's key row for a subject, locked until the caller's transaction ends (two emails at once agree). */
  async lock(tx: EntityManager, kind: ReplyKind, userId: string, subjectId: string): Promise<ReplyKeyRow | undefined> {
    const { table, subject } = TABLES[kind];
    const [row]: ReplyKeyRow[] = await tx.query(
      `SELECT ${columns(kind)} FROM ${table} WHERE user_id = $1 AND ${subject} = $2 FOR UPDATE`,
      [userId, subjectId],
    );
    return row;
  }

  /** False when a concurrent caller inserted the row first (the caller then locks it and carries on). */
  async insert(tx: EntityManager, kind: ReplyKind, row: Omit<ReplyKeyRow, 'revokedAt'>): Promise<boolean> {
    const { table, subject } = TABLES[kind];
    const inserted: unknown[] = await tx.query(
      `INSERT INTO ${table} (user_id, ${subject}, generation, key_hash, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, ${subject}) DO NOTHING RETURNING 1`,
      [row.userId, row.subjectId, row.generation, row.keyHash, row.expiresAt],
    );
    return inserted.length === 1;
  }

  /** Extends the key's life or, with a new generation and hash, replaces it (unrevoked). */
  async update(tx: EntityManager, kind: ReplyKind, row: Omit<ReplyKeyRow, 'revokedAt'>): Promise<void> {
    const { table, subject } = TABLES[kind];
    await tx.query(
      `UPDATE ${table} SET generation = $3, key_hash = $4, expires_at = $5, revoked_at = NULL
        WHERE user_id = $1 AND ${subject} = $2`,
      [row.userId, row.subjectId, row.generation, row.keyHash, row.expiresAt],
    );
  }

  /** The row a key's hash names, in whichever table holds it. */
  async byHash(keyHash: string): Promise<(ReplyKeyRow & { kind: ReplyKind }) | undefined> {
    const [row]: (ReplyKeyRow & { kind: ReplyKind })[] = await this.db.query(
      `SELECT 'thread' AS kind, ${columns('thread')} FROM mail_reply_keys WHERE key_hash = $1
       UNION ALL
       SELECT 'action' AS kind, ${columns('action')} FROM mail_action_reply_keys WHERE key_hash = $1`,
      [keyHash],
    );
    return row;
  }

  async revokeAll(userId: string): Promise<void> {
    for (const { table } of Object.values(TABLES)) {
      await this.db.query(`UPDATE ${table} SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
    }
  }

  /** The user's keys for every thread and every action item of one group. */
  async revokeInGroup(userId: string, groupId: string): Promise<void> {
    await this.db.query(
      `UPDATE mail_reply_keys k SET revoked_at = now()
         FROM threads t
        WHERE t.id = k.thread_id AND t.group_id = $2 AND k.user_id = $1 AND k.revoked_at IS NULL`,
      [userId, groupId],
    );
    await this.db.query(
      `UPDATE mail_action_reply_keys k SET revoked_at = now()
         FROM action_items a
        WHERE a.id = k.action_item_id AND a.group_id = $2 AND k.user_id = $1 AND k.revoked_at IS NULL`,
      [userId, groupId],
    );
  }
}
