import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FEED_APPEND } from './change-feed.repository';
import { preparedQuery } from '../database/prepared-query';
import type { GroupEvent } from './entities/group-event.entity';

/** A stored feed event, as catch-up reads it back. */
export type StoredEvent = Pick<GroupEvent, 'groupId' | 'seq' | 'type' | 'payload' | 'actorId' | 'createdAt'>;

/** Every query of the core: the change feed (group_events and the group's seq) and the idempotency keys. */
@Injectable()
export class EventsRepository {
  constructor(private readonly db: DataSource) {}

  /** The feed's one append (change-feed.repository.ts), in the caller's transaction, as one prepared statement. */
  async append(
    tx: EntityManager,
    groupId: string,
    type: string,
    payload: string,
    actorId: string | null,
  ): Promise<Pick<GroupEvent, 'seq' | 'createdAt'>> {
    const [stored] = await preparedQuery<{ seq: string; created_at: Date }>(tx, 'tansiq.feed-append', FEED_APPEND, [
      groupId,
      type,
      payload,
      actorId,
    ]);
    return { seq: stored.seq, createdAt: stored.created_at };
  }

  /** The group's newest seq and the oldest one still kept (null when none is). */
  async feedBounds(groupId: string): Promise<{ lastSeq: string; firstKept: string | null }> {
    const [group]: { lastSeq: string; firstKept: string | null }[] = await this.db.query(
      `SELECT g.last_seq AS "lastSeq", (SELECT min(seq) FROM group_events e WHERE e.group_id = g.id) AS "firstKept"
         FROM working_groups g WHERE g.id = $1`,
      [groupId],
    );
    return group;
  }

  /** Up to `limit` events after `after`, in order. */
  async eventsAfter(groupId: string, after: number, limit: number): Promise<StoredEvent[]> {
    return this.db.query(
      `SELECT group_id AS "groupId", seq, type, payload, actor_id AS "actorId", created_at AS "createdAt"
         FROM group_events
        WHERE group_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [groupId, after, limit],
    );
  }

  /** Deletes events stored before the cutoff; answers how many. */
  async deleteBefore(cutoff: Date): Promise<number> {
    const [, count] = (await this.db.query('DELETE FROM group_events WHERE created_at < $1', [cutoff])) as [
      unknown,
      number,
    ];
    return count;
  }

  /** The answer stored under a client id, or null when the id was never used. */
  async storedResponse<T>(userId: string, clientId: string, db: EntityManager = this.db.manager): Promise<T | null> {
    const [row]: { response: T }[] = await db.query(
      'SELECT response FROM idempotency_keys WHERE user_id = $1 AND client_id = $2',
      [userId, clientId],
    );
    return row?.response ?? null;
  }
}
