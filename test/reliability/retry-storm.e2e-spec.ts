import { isDeepStrictEqual } from 'node:util';
import type { Ack } from '../../src/realtime/socket-protocol';
import type { PostedMessage } from '../../src/threads/messages.service';
import { forgetRedisKeys } from '../support/cluster-client';
import { clientId, figure, mapLimit, scaled, seconds } from '../support/chaos';
import { createThread, setupGroup } from '../support/factories';
import { connect, TestSocket } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Issue 9, check 4: a storm of retries. Every send is retried three times with its clientId, some retries after
 * the first answer (a lost acknowledgement) and some while the first is still in flight (an impatient client),
 * each on another socket of the same user; and pairs share a clientId from the start. Each clientId makes one row,
 * and every answer to it is the first answer, byte for byte. One in-process app suffices: the idempotency claim
 * lives in the database, whichever node receives the retry.
 */
const SENDS = scaled(200, 1000);
const RETRIES = 3;
const PAIRS = scaled(40, 100);
const SOCKETS = 8;
const IN_FLIGHT = 32;

describe('reliability: retry storm', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT: '1000000', SOCKET_EVENT_RATE_LIMIT: '10000000' });
  }, 60_000);

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await t?.close();
    if (t?.config.redisUrl) await forgetRedisKeys(t.config.redisPrefix);
  }, 30_000);

  it(`${SENDS} sends retried ${RETRIES} times and ${PAIRS} concurrent pairs create exactly ${SENDS + PAIRS} rows, answered identically`, async () => {
    const group = await setupGroup(t);
    const thread = await createThread(t, group.id, group.member);
    const url = await t.listen();
    for (let i = 0; i < SOCKETS; i += 1) sockets.push(await connect(url, group.member.accessToken));
    const send = (socket: number, body: string, id: string): Promise<Ack<PostedMessage>> =>
      sockets[socket % SOCKETS]
        .timeout(60_000)
        .emitWithAck('message.send', { threadId: thread.id, body, clientId: id });

    const started = Date.now();
    const storms = await mapLimit(Array.from({ length: SENDS }), IN_FLIGHT, async (_, i) => {
      const id = clientId();
      const body = `storm ${i}`;
      const retries = Array.from({ length: RETRIES }, (__, r) => i + r + 1);
      if (i % 2 === 0) {
        // The acknowledgement was lost: the client retries once it hears nothing, after the first has committed.
        const first = await send(i, body, id);
        return [first, ...(await Promise.all(retries.map((s) => send(s, body, id))))];
      }
      // An impatient client: the retries race the first attempt.
      return Promise.all([send(i, body, id), ...retries.map((s) => send(s, body, id))]);
    });
    const pairs = await mapLimit(Array.from({ length: PAIRS }), IN_FLIGHT, async (_, i) => {
      const id = clientId();
      return Promise.all([send(i, `pair ${i}`, id), send(i + 1, `pair ${i}`, id)]);
    });
    const tookMs = Date.now() - started;

    const [{ n: rows }]: { n: number }[] = await t.db.query(
      'SELECT count(*)::int AS n FROM messages WHERE thread_id = $1',
      [thread.id],
    );
    const answers = [...storms, ...pairs];
    const refused = answers.flat().filter((answer) => !answer.ok);
    const differing = answers.filter(([first, ...rest]) => rest.some((other) => !isDeepStrictEqual(other, first)));
    const distinctIds = new Set(answers.map(([first]) => (first.ok ? first.data.message.id : undefined)));

    figure('retry storm: emits', `${answers.flat().length} in ${seconds(tookMs)} s`);
    figure('retry storm: rows created', `${rows} (expected ${SENDS + PAIRS})`);
    figure('retry storm: retries answered differently from the first', differing.length);
    figure('retry storm: refused', refused.length);

    expect(refused).toEqual([]);
    expect(rows).toBe(SENDS + PAIRS);
    expect(distinctIds.size).toBe(SENDS + PAIRS);
    expect(differing).toEqual([]);
  }, 300_000);
});
