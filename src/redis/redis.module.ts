import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** The shared Redis command connection, or null when REDIS_URL is not set (single-process mode). */
export const REDIS = Symbol('REDIS');

/**
 * `commandTimeout` bounds every command of a client that must not wait on a stalled Redis (rate limits); the
 * socket adapter's client blocks on XREAD by design and gets none.
 */
export function createRedis(url: string, name: string, commandTimeout?: number): Redis {
  const logger = new Logger(`Redis:${name}`);
  const client = new Redis(url, {
    connectionName: `tansiq-${name}`,
    // Fail commands fast while Redis is away instead of queueing them without bound.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...(commandTimeout ? { commandTimeout } : {}),
  });
  let warned = false;
  client.on('error', (error) => {
    // ioredis reconnects on its own; an unhandled 'error' event would crash the process.
    if (!warned) logger.warn(`Redis unavailable: ${error.message}`);
    warned = true;
  });
  client.on('ready', () => {
    if (warned) logger.log('Redis reconnected');
    warned = false;
  });
  return client;
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.redisUrl ? createRedis(config.redisUrl, 'commands', 1000) : null),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
