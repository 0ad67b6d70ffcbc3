import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long counting stays in this process after Redis failed, before Redis is tried again. */
export const FAILOVER_MS = 5_000;

export interface FailoverTarget {
  /** Whether the Redis connection is up; a closed or reconnecting one is skipped without waiting. */
  ready(): boolean;
  /** A cheap command that proves Redis answers again (bounded by the client's command timeout). */
  probe(): Promise<unknown>;
}

/**
 * Rate-limit counters in Redis while Redis answers; in this process's memory for a few seconds after it failed.
 * A stalled Redis (connections open, nothing answers) made every limited request wait for the command timeout
 * (1 s: socket sends fell from 87 to 4.8 msg/s) and a refused one made login answer 500. Now only the requests in
 * flight when Redis fails wait; the rest count in memory, so each node still limits (per node, not across nodes)
 * until one background probe finds Redis back. Nothing here ever throws.
 */
export class FailoverThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimiter');
  private localUntil = 0;
  private probing = false;

  constructor(
    private readonly redis: ThrottlerStorage,
    private readonly local: ThrottlerStorage,
    private readonly target: FailoverTarget,
    private readonly failoverMs = FAILOVER_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while counting in process. */
  get isLocal(): boolean {
    return this.now() < this.localUntil || this.probing;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    if (this.now() < this.localUntil || this.probing) {
      return this.local.increment(key, ttl, limit, blockDuration, name);
    }
    if (this.localUntil !== 0) {
      // The failover window has passed: one probe decides, everyone else keeps counting locally meanwhile.
      this.probeInBackground();
      return this.local.increment(key, ttl, limit, blockDuration, name);
    }
    if (!this.target.ready()) {
      this.failOver('the connection is not ready');
      return this.local.increment(key, ttl, limit, blockDuration, name);
    }
    try {
      return await this.redis.increment(key, ttl, limit, blockDuration, name);
    } catch (error) {
      this.failOver((error as Error).message);
      return this.local.increment(key, ttl, limit, blockDuration, name);
    }
  }

  onApplicationShutdown(): void {
    (this.local as { onApplicationShutdown?: () => void }).onApplicationShutdown?.();
  }

  private failOver(reason: string): void {
    if (this.localUntil === 0) this.logger.warn(`Redis failed (${reason}): counting in this process for now`);
    this.localUntil = this.now() + this.failoverMs;
  }

  private probeInBackground(): void {
    if (this.probing) return;
    this.probing = true;
    const recovered = () => {
      this.logger.log('Redis answers again: counting in Redis');
      this.localUntil = 0;
    };
    const failed = () => {
      this.localUntil = this.now() + this.failoverMs;
    };
    (this.target.ready() ? this.target.probe() : Promise.reject(new Error('not ready')))
      .then(recovered, failed)
      .finally(() => {
        this.probing = false;
      });
  }
}
