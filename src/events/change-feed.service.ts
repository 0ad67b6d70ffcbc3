import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { DomainEventBus } from './domain-event-bus';
import { CatchUp } from './dto/catch-up.dto';
import { ClientEvents, ClientEventType, FeedEvent } from './events';
import { EventsRepository, StoredEvent } from './events.repository';

export type { CatchUp };

/** The per-group change feed: appended inside the writing transaction, read back for catch-up. */
@Injectable()
export class ChangeFeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChangeFeedService.name);

  constructor(
    private readonly repository: EventsRepository,
    private readonly events: DomainEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Takes the group's next seq and stores the event, in the caller's transaction, as one statement (`feedAppend`:
   * the seq is taken inside the write, under the group row's lock, so seqs commit in order).
   * The event is published (`FeedAppended`) when the transaction commits: the one rule for every feed event.
   */
  async append<T extends ClientEventType>(
    tx: EntityManager,
    groupId: string,
    type: T,
    data: ClientEvents[T],
    actorId: string | null,
  ): Promise<FeedEvent<T>> {
    const stored = await this.repository.append(tx, groupId, type, JSON.stringify(data), actorId);
    const at = new Date(stored.createdAt).toISOString();
    // A union member cannot be built from a generic T without help: this object is FeedEvent<T> by construction.
    const event = { groupId, seq: Number(stored.seq), type, data, actorId, at } as FeedEvent;
    this.appended(tx, event);
    return event as FeedEvent<T>;
  }

  /**
   * Publishes an event its writer stored in a statement of its own (the message insert): after the transaction
   * commits, or at once when that statement was its own transaction.
   */
  appended(db: EntityManager, event: FeedEvent): void {
    this.events.emitAfterCommit(db, 'FeedAppended', event);
  }

  /** Events after `after`, in order. Access is the caller's to check. */
  async after(groupId: string, after: number, limit: number): Promise<CatchUp> {
    const group = await this.repository.feedBounds(groupId);
    const lastSeq = Number(group.lastSeq);
    const firstKept = group.firstKept === null ? lastSeq + 1 : Number(group.firstKept);
    if (after > lastSeq || after < firstKept - 1) return { events: [], lastSeq, resync: true, hasMore: false };
    const rows = await this.repository.eventsAfter(groupId, after, limit + 1);
    const hasMore = rows.length > limit;
    return { events: rows.slice(0, limit).map(toFeedEvent), lastSeq, resync: false, hasMore };
  }

  /** Hourly, on one node (the job queue's schedule). */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work('feed.prune', 1, async () => void (await this.prune()));
  }

  /** Drops events past retention; clients whose cursor falls before what is kept are told to resync. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.eventRetentionDays * 86_400_000);
    try {
      return await this.repository.deleteBefore(cutoff);
    } catch (error) {
      this.logger.warn(`Pruning the change feed failed: ${(error as Error).message}`);
      return 0;
    }
  }
}

function toFeedEvent(row: StoredEvent): FeedEvent {
  // The stored payload is the DTO its type names: it was written through append() with that type.
  return {
    groupId: row.groupId,
    seq: Number(row.seq),
    type: row.type,
    data: row.payload,
    actorId: row.actorId,
    at: new Date(row.createdAt).toISOString(),
  } as FeedEvent;
}
