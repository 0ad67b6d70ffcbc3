import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { deriveReplyKey, hashReplyKey, replyAddress } from './reply-key';
import { ReplyKeyRepository, ReplyKeyRow } from './reply-key.repository';

/** How long a reply address works after the last email that carried it. */
export const REPLY_KEY_DAYS = 60;

export interface ReplyTarget {
  userId: string;
  threadId: string;
}

/** What a key in an incoming address names, and whether it may still be used (`problem` null). */
export interface ReplyKeyLookup {
  target: ReplyTarget | null;
  problem: 'unknown-key' | 'expired-key' | 'revoked-key' | null;
}

/**
 * Reply addresses (reply+<key>@<replyDomain>): one per person and thread, so a reply says who wrote it and where
 * it goes. The key is HMAC(server secret, user:thread:generation) and only its SHA-256 is stored: the key can be
 * put in every email again without being kept anywhere, a database dump alone yields no working address, and
 * revoking (or rotating an expired key) moves to the next generation, after which the old key matches no row.
 * A change of the server secret has the same effect: the stored hash no longer matches, and a new generation starts.
 *
 * Holding a key grants nothing by itself: every reply is posted through MessagesService, which checks membership
 * and what the thread allows at that moment.
 */
@Injectable()
export class ReplyAddresses {
  constructor(
    private readonly db: DataSource,
    private readonly keys: ReplyKeyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The Reply-To for an email about a thread to a user; null when the inbound listener is off (a reply would go
   * nowhere). Each call keeps the address working for another REPLY_KEY_DAYS.
   */
  async addressFor(userId: string, threadId: string): Promise<string | null> {
    if (this.config.mail.inboundPort === undefined) return null;
    const expiresAt = new Date(Date.now() + REPLY_KEY_DAYS * 86_400_000);
    const key = await this.db.transaction(async (tx) => {
      const current = await this.keys.lock(tx, userId, threadId);
      if (!current)
        return (await this.first(tx, userId, threadId, expiresAt)) ?? this.renew(tx, userId, threadId, expiresAt);
      return this.renewRow(tx, current, expiresAt);
    });
    return replyAddress(key, this.config.mail.replyDomain);
  }

  /** Who may reply with this key, and to which thread; null for a key that is unknown, expired or revoked. */
  async resolve(key: string): Promise<ReplyTarget | null> {
    const found = await this.lookup(key);
    return found.problem ? null : found.target;
  }

  /** Like resolve(), saying why a key does not work (for the inbound log). */
  async lookup(key: string): Promise<ReplyKeyLookup> {
    const row = await this.keys.byHash(hashReplyKey(key.toLowerCase()));
    if (!row) return { target: null, problem: 'unknown-key' };
    const target = { userId: row.userId, threadId: row.threadId };
    if (row.revokedAt) return { target, problem: 'revoked-key' };
    if (new Date(row.expiresAt).getTime() <= Date.now()) return { target, problem: 'expired-key' };
    return { target, problem: null };
  }

  /** After a password change or a suspected stolen session: addresses in emails already sent stop working. */
  revokeAll(userId: string): Promise<void> {
    return this.keys.revokeAll(userId);
  }

  /** The user left or was removed from a group: their addresses for its threads stop working. */
  revokeInGroup(userId: string, groupId: string): Promise<void> {
    return this.keys.revokeInGroup(userId, groupId);
  }

  private async first(tx: EntityManager, userId: string, threadId: string, expiresAt: Date): Promise<string | null> {
    const key = this.derive(userId, threadId, 1);
    const inserted = await this.keys.insert(tx, {
      userId,
      threadId,
      generation: 1,
      keyHash: hashReplyKey(key),
      expiresAt,
    });
    return inserted ? key : null;
  }

  /** A concurrent caller inserted the row between our lock and insert: lock it now and go on from there. */
  private async renew(tx: EntityManager, userId: string, threadId: string, expiresAt: Date): Promise<string> {
    const row = await this.keys.lock(tx, userId, threadId);
    if (!row) throw new Error('reply key row vanished while being created');
    return this.renewRow(tx, row, expiresAt);
  }

  /** The same key with a longer life while it works; else the next generation's. */
  private async renewRow(tx: EntityManager, row: ReplyKeyRow, expiresAt: Date): Promise<string> {
    const key = this.derive(row.userId, row.threadId, row.generation);
    const usable =
      !row.revokedAt && new Date(row.expiresAt).getTime() > Date.now() && hashReplyKey(key) === row.keyHash;
    const generation = usable ? row.generation : row.generation + 1;
    const next = usable ? key : this.derive(row.userId, row.threadId, generation);
    await this.keys.update(tx, {
      userId: row.userId,
      threadId: row.threadId,
      generation,
      keyHash: hashReplyKey(next),
      expiresAt,
    });
    return next;
  }

  private derive(userId: string, threadId: string, generation: number): string {
    return deriveReplyKey(this.config.jwt.secret, userId, threadId, generation);
  }
}
