import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MailReplyKey } from './entities/mail-reply-key.entity';

export type ReplyKeyRow = Pick<
  MailReplyKey,
  'userId' | 'threadId' | 'generation' | 'keyHash' | 'expiresAt' | 'revokedAt'
>;

const COLUMNS = `user_id AS "userId", thread_id AS "threadId", generation, key_hash AS "keyHash",
  expires_at AS "expiresAt", revoked_at AS "revokedAt"`;

/** Every query on reply keys. */
@Injectable()
export class ReplyKeyRepository {
  constructor(private readonly db: DataSource) {}

  /** The user's key row for a thread, locked until the caller's transaction ends (two emails at once agree). */
  async lock(tx: EntityManager, userId: string, threadId: string): Promise<ReplyKeyRow | undefined> {
    const [row]: ReplyKeyRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM mail_reply_keys WHERE user_id = $1 AND thread_id = $2 FOR UPDATE`,
      [userId, threadId],
    );
    return row;
  }

  /** False when a concurrent caller inserted the row first (the caller then locks it and carries on). */
  async insert(tx: EntityManager, row: Omit<ReplyKeyRow, 'revokedAt'>): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO mail_reply_keys (user_id, thread_id, generation, key_hash, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, thread_id) DO NOTHING RETURNING 1`,
      [row.userId, row.threadId, row.generation, row.keyHash, row.expiresAt],
    );
    return inserted.length === 1;
  }

  /** Extends the key's life or, with a new generation and hash, replaces it (unrevoked). */
  async update(tx: EntityManager, row: Omit<ReplyKeyRow, 'revokedAt'>): Promise<void> {
    await tx.query(
      `UPDATE mail_reply_keys SET generation = $3, key_hash = $4, expires_at = $5, revoked_at = NULL
        WHERE user_id = $1 AND thread_id = $2`,
      [row.userId, row.threadId, row.generation, row.keyHash, row.expiresAt],
    );
  }

  async byHash(keyHash: string): Promise<ReplyKeyRow | undefined> {
    const [row]: ReplyKeyRow[] = await this.db.query(`SELECT ${COLUMNS} FROM mail_reply_keys WHERE key_hash = $1`, [
      keyHash,
    ]);
    return row;
  }

  async revokeAll(userId: string): Promise<void> {
    await this.db.query(`UPDATE mail_reply_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
  }

  /** The user's keys for every thread of one group. */
  async revokeInGroup(userId: string, groupId: string): Promise<void> {
    await this.db.query(
      `UPDATE mail_reply_keys k SET revoked_at = now()
         FROM threads t
        WHERE t.id = k.thread_id AND t.group_id = $2 AND k.user_id = $1 AND k.revoked_at IS NULL`,
      [userId, groupId],
    );
  }
}
