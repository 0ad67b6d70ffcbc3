import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { PASSWORD, createThread, registerUser, setupGroup } from '../support/factories';
import { PrivateRedis } from '../support/private-redis';
import { connect, sleep, TestSocket } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

const clientId = () => randomBytes(12).toString('base64url');

/**
 * Issue 13, item 14: the rate limiter's Redis (a private one, so it can be paused) stalls. Sends must not each wait
 * for the limiter's command timeout and login must never answer 500; the limits keep counting in process, and the
 * counters go back to Redis once it answers again.
 */
describe('reliability: the rate limiter during a Redis outage', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let socket: TestSocket;
  let threadId: string;
  let email: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await createTestApp({ REDIS_URL: redis.url, WRITE_RATE_LIMIT: '1000', AUTH_RATE_LIMIT: '1000' });
    const url = await t.listen();
    await registerUser(t);
    const g = await setupGroup(t);
    email = g.member.email;
    threadId = (await createThread(t, g.id, g.member)).id;
    socket = await connect(url, g.member.accessToken);
  }, 60_000);
  afterAll(async () => {
    socket?.disconnect();
    await t?.close();
    await redis?.stop();
  });

  const send = async (body: string) => {
    const answer = (await socket.emitWithAck('message.send', { threadId, body, clientId: clientId() })) as {
      ok: boolean;
    };
    return answer.ok;
  };

  it('with Redis paused, 20 socket sends take well under the 20 s that 20 limiter timeouts would', async () => {
    expect(await send('before the pause')).toBe(true);
    redis.pause();
    try {
      const started = Date.now();
      for (let i = 0; i < 20; i++) expect(await send(`during the pause ${i}`)).toBe(true);
      const elapsed = Date.now() - started;
      console.log(
        `20 sends with the limiter's Redis paused: ${elapsed} ms (${((20 * 1000) / elapsed).toFixed(1)} msg/s)`,
      );
      expect(elapsed).toBeLessThan(5_000);
    } finally {
      redis.resume();
    }
  }, 60_000);

  it('with Redis paused, login answers 200 (not 500) and quickly', async () => {
    redis.pause();
    try {
      const statuses: number[] = [];
      const started = Date.now();
      for (let i = 0; i < 5; i++) {
        statuses.push((await t.http().post('/api/auth/login').send({ email, password: PASSWORD })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      redis.resume();
    }
  }, 60_000);

  it('with Redis stopped, login answers 200 and sends go through', async () => {
    const stopped = await PrivateRedis.start();
    const app = await createTestApp({ REDIS_URL: stopped.url, AUTH_RATE_LIMIT: '1000' });
    try {
      const user = await registerUser(app);
      await stopped.stop();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (await app.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status,
        );
      }
      expect(statuses).toEqual([200, 200, 200]);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('still limits in process while Redis is paused', async () => {
    const limited = await createTestApp({ REDIS_URL: redis.url, AUTH_RATE_LIMIT: '3' });
    try {
      await limited.listen();
      await sleep(500); // connected to Redis before it stalls
      redis.pause();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(
          (await limited.http().post('/api/auth/login').send({ email, password: 'wrong password' })).status,
        );
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
      expect(statuses).not.toContain(500);
    } finally {
      redis.resume();
      await limited.close();
    }
  }, 60_000);

  it('counts in Redis again once it answers', async () => {
    const reader = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      const hitsInRedis = async () => {
        const keys = await reader.keys(`${t.config.redisPrefix}throttle:limit:write:*:hits`);
        return keys.length === 0 ? 0 : Number(await reader.get(keys[0]));
      };
      const before = await hitsInRedis();
      const deadline = Date.now() + 15_000;
      while ((await hitsInRedis()) <= before && Date.now() < deadline) {
        expect(await send('after the pause')).toBe(true);
        await sleep(250);
      }
      expect(await hitsInRedis()).toBeGreaterThan(before);
    } finally {
      reader.disconnect();
    }
  }, 30_000);
});
