import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { deriveReplyKey, hashReplyKey, replyAddress } from './reply-key';
import { ReplyKeyRepository, ReplyKeyRow, ReplyKind } from './reply-key.repository';

/** How long a reply address works after the last email that carried it. */
export const REPLY_KEY_DAYS = 60;

/** Who may reply with a key, and to what: a thread (a message) or an action item (a progress note). */
export type ReplyTarget =
  | { userId: string; threadId: string; actionItemId?: undefined }
  | { userId: string; actionItemId: string; threadId?: undefined };

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
  addressFor(userId: string, threadId: string): Promise<string | null> {
    return this.address('thread', userId, threadId);
  }

  /** The Reply-To for an email about an action item: a reply becomes a progress note on it. */
  addressForAction(userId: string, actionItemId: string): Promise<string | null> {
    return this.address('action', userId, actionItemId);
  }

  private async address(kind: ReplyKind, userId: string, subjectId: string): Promise<string | null> {
    if (this.config.mail.inboundPort === undefined) return null;
    const expiresAt = new Date(Date.now() + REPLY_KEY_DAYS * 86_400_000);
    const key = await this.db.transaction(async (tx) => {
      const current = await this.keys.lock(tx, kind, userId, subjectId);
      if (!current) {
        return (
          (await this.first(tx, kind, userId, subjectId, expiresAt)) ??
          this.renew(tx, kind, userId, subjectId, expiresAt)
        );
      }
      return this.renewRow(tx, kind, current, expiresAt);
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
    const target: ReplyTarget =
      row.kind === 'action'
        ? { userId: row.userId, actionItemId: row.subjectId }
        : { userId: row.userId, threadId: row.subjectId };
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

  private async first(
    tx: EntityManager,
    kind: ReplyKind,
    userId: string,
    subjectId: string,
    expiresAt: Date,
  ): Promise<string | null> {
    const key = this.derive(kind, userId, subjectId, 1);
    const inserted = await this.keys.insert(tx, kind, {
      userId,
      subjectId,
      generation: 1,
      keyHash: hashReplyKey(key),
      expiresAt,
    });
    return inserted ? key : null;
  }

  /** A concurrent caller inserted the row between our lock and insert: lock it now and go on from there. */
  private async renew(
    tx: EntityManager,
    kind: ReplyKind,
    userId: string,
    subjectId: string,
    expiresAt: Date,
  ): Promise<string> {
    const row = await this.keys.lock(tx, kind, userId, subjectId);
    if (!row) throw new Error('reply key row vanished while being created');
    return this.renewRow(tx, kind, row, expiresAt);
  }

  /** The same key with a longer life while it works; else the next generation's. */
  private async renewRow(tx: EntityManager, kind: ReplyKind, row: ReplyKeyRow, expiresAt: Date): Promise<string> {
    const key = this.derive(kind, row.userId, row.subjectId, row.generation);
    const usable =
      !row.revokedAt && new Date(row.expiresAt).getTime() > Date.now() && hashReplyKey(key) === row.keyHash;
    const generation = usable ? row.generation : row.generation + 1;
    const next = usable ? key : this.derive(kind, row.userId, row.subjectId, generation);
    await this.keys.update(tx, kind, {
      userId: row.userId,
      subjectId: row.subjectId,
      generation,
      keyHash: hashReplyKey(next),
      expiresAt,
    });
    return next;
  }

  /** An item's keys are labelled apart from a thread's: the same ids never give the same key. */
  private derive(kind: ReplyKind, userId: string, subjectId: string, generation: number): string {
    const subject = kind === 'action' ? `action:${subjectId}` : subjectId;
    return deriveReplyKey(this.config.jwt.secret, userId, subject, generation);
  }
}
