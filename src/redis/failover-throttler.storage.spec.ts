import { ThrottlerStorage } from '@nestjs/throttler';
import { FailoverThrottlerStorage } from './failover-throttler.storage';

type Record_ = Awaited<ReturnType<ThrottlerStorage['increment']>>;
const record = (totalHits: number): Record_ => ({
  totalHits,
  timeToExpire: 60,
  isBlocked: false,
  timeToBlockExpire: 0,
});

function setup() {
  let clock = 1_000_000;
  let redisFails = false;
  let ready = true;
  let probeFails = false;
  const calls = { redis: 0, local: 0, probe: 0 };
  const redis: ThrottlerStorage = {
    increment: async () => {
      calls.redis += 1;
      if (redisFails) throw new Error('Command timed out');
      return record(1);
    },
  };
  const local: ThrottlerStorage = {
    increment: async () => {
      calls.local += 1;
      return record(2);
    },
  };
  const storage = new FailoverThrottlerStorage(
    redis,
    local,
    {
      ready: () => ready,
      probe: async () => {
        calls.probe += 1;
        if (probeFails) throw new Error('still down');
      },
    },
    5_000,
    () => clock,
  );
  const hit = () => storage.increment('k', 60_000, 10, 60_000, 'limit');
  return {
    storage,
    hit,
    calls,
    advance: (ms: number) => (clock += ms),
    set: (next: { redisFails?: boolean; ready?: boolean; probeFails?: boolean }) => {
      redisFails = next.redisFails ?? redisFails;
      ready = next.ready ?? ready;
      probeFails = next.probeFails ?? probeFails;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('FailoverThrottlerStorage', () => {
  it('counts in Redis while Redis answers', async () => {
    const s = setup();
    expect((await s.hit()).totalHits).toBe(1);
    expect(s.calls).toEqual({ redis: 1, local: 0, probe: 0 });
  });

  it('after one failed command, counts in process without asking Redis until the window passes', async () => {
    const s = setup();
    s.set({ redisFails: true });
    expect((await s.hit()).totalHits).toBe(2);
    for (let i = 0; i < 50; i++) await s.hit();
    expect(s.calls.redis).toBe(1);
    expect(s.calls.local).toBe(51);
    expect(s.storage.isLocal).toBe(true);
  });

  it('skips a connection that is not ready without waiting for it', async () => {
    const s = setup();
    s.set({ ready: false });
    await s.hit();
    expect(s.calls).toEqual({ redis: 0, local: 1, probe: 0 });
  });

  it('tries Redis again after the window with one background probe, and returns to Redis when it answers', async () => {
    const s = setup();
    s.set({ redisFails: true, probeFails: true });
    await s.hit();
    s.advance(5_001);
    await Promise.all([s.hit(), s.hit(), s.hit()]);
    await settle();
    expect(s.calls.probe).toBe(1);
    expect(s.calls.redis).toBe(1);
    s.advance(5_001);
    s.set({ redisFails: false, probeFails: false });
    await s.hit();
    await settle();
    expect(s.calls.probe).toBe(2);
    await s.hit();
    expect(s.calls.redis).toBe(2);
    expect(s.storage.isLocal).toBe(false);
  });
});
