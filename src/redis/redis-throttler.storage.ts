import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// One round trip, atomic across nodes: count the hit, start the window on the first, block past the limit.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local block = redis.call('PTTL', KEYS[2])
if block <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  block = tonumber(ARGV[3])
end
return { hits, ttl, block }
`;

type ThrottleCommand = (
  hitsKey: string,
  blockKey: string,
  ttl: number,
  limit: number,
  block: number,
) => Promise<unknown>;

/** Throttler counters in Redis, so a limit holds across every node behind the load balancer. */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly throttle: ThrottleCommand;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // A defined command is sent as EVALSHA (falling back to EVAL once after a Redis restart): the script's text is
    // not written to Redis and hashed there on every message send and login.
    redis.defineCommand('tansiqThrottle', { numberOfKeys: 2, lua: INCREMENT });
    const command = (redis as unknown as { tansiqThrottle: ThrottleCommand }).tansiqThrottle;
    this.throttle = command.bind(redis);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}throttle:${name}:${key}`;
    const [hits, ttlMs, blockMs] = (await this.throttle(
      `${base}:hits`,
      `${base}:block`,
      ttl,
      limit,
      blockDuration || ttl,
    )) as [number, number, number];
    const isBlocked = blockMs > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockMs / 1000) : 0,
    };
  }
}
