import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { FailoverThrottlerStorage } from './failover-throttler.storage';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { REDIS } from './redis.module';

/**
 * Counters behind every rate limit: in Redis when configured, so a limit holds across nodes (in this process for a
 * few seconds after Redis failed: see FailoverThrottlerStorage); else in memory.
 */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage) {}

  private readonly logger = new Logger('RateLimiter');

  /**
   * Counts one hit; false once more than `limit` hits fell in the current window. The storage counts in process
   * when Redis fails; should even that throw, the hit goes through: a limiter fault must not stop discussion.
   */
  async allow(key: string, limit: number, windowMs: number): Promise<boolean> {
    try {
      const record = await this.storage.increment(key, windowMs, limit, windowMs, 'limit');
      return !record.isBlocked && record.totalHits <= limit;
    } catch (error) {
      this.logger.warn(`Rate limit not checked (${(error as Error).message}); allowing`);
      return true;
    }
  }

  onApplicationShutdown(): void {
    (this.storage as Partial<ThrottlerStorageService>).onApplicationShutdown?.();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: Redis | null): ThrottlerStorage =>
        redis
          ? new FailoverThrottlerStorage(
              new RedisThrottlerStorage(redis, config.redisPrefix),
              new ThrottlerStorageService(),
              { ready: () => redis.status === 'ready', probe: () => redis.ping() },
            )
          : new ThrottlerStorageService(),
    },
    RateLimiter,
  ],
  exports: [RATE_LIMIT_STORAGE, RateLimiter],
})
export class RateLimitModule {}
