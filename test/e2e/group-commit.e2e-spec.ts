import { randomBytes } from 'node:crypto';
import type { FeedEvent } from '../../src/events/events';
import { Metrics } from '../../src/metrics/metrics';
import {
  api,
  forgetRedisKeys,
  inRooms,
  range,
  register,
  setupGroup as setupClusterGroup,
  clusterEnv,
} from '../support/cluster-client';
import {
  addMember,
  createThread,
  notificationsOf,
  postMessage,
  registerUser,
  setupGroup,
  TestUser,
} from '../support/factories';
import { ServerProcess, startServer, stopAllServers } from '../support/server-process';
import { connect, connected, openSocket, recordEvents, sleep, TestSocket, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const clientId = () => randomBytes(12).toString('base64url');

interface Ack {
  ok: boolean;
  data?: { seq: number; message: { id: string; seq: number; body: string } };
  error?: { statusCode: number; details?: { field: string }[] };
}

const createdSeqs = (events: FeedEvent[]) => events.filter((e) => e.type === 'message.created').map((e) => e.seq);

/**
 * Group commit (threads/message-batcher.ts): sends to one group that arrive together are written in one statement
 * and one commit. Whatever the batching, each sender gets its own answer and each member every push once, in order.
 */
describe('group commit of messages', () => {
  let t: TestApp;
  let url: string;
  const sockets: TestSocket[] = [];
  const open = async (token: string) => {
    const socket = await connect(url, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT: '10000', SOCKET_EVENT_RATE_LIMIT: '100000' });
    url = await t.listen();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  /** Commits and messages the send path has made so far (the /metrics histogram). */
  const commits = async () => {
    const metric = (await t.app.get(Metrics).messagesPerCommit.get()).values;
    const value = (name: string) => metric.find((v) => v.metricName === name)?.value ?? 0;
    return { commits: value('tansiq_messages_per_commit_count'), messages: value('tansiq_messages_per_commit_sum') };
  };

  async function burstGroup(writerCount: number) {
    const g = await setupGroup(t);
    const writers: TestUser[] = [];
    for (let i = 0; i < writerCount; i++) {
      const writer = await registerUser(t);
      await addMember(t, g.id, g.facilitator, writer, 'member');
      writers.push(writer);
    }
    const thread = await createThread(t, g.id, g.member);
    const before: number = (await t.http().get(`/api/groups/${g.id}`).set(g.member.auth)).body.lastSeq;
    return { g, writers, thread, before };
  }

  it('60 concurrent sends: batched, seqs gap-free in one group, duplicates answered once, a bad one refused alone', async () => {
    const { g, writers, thread } = await burstGroup(5);
    const other = await createThread(t, g.id, g.member);
    const foreignParent = await postMessage(t, other.id, g.member, 'in another thread');
    const start: number = (await t.http().get(`/api/groups/${g.id}`).set(g.member.auth)).body.lastSeq;
    const watchers = await Promise.all([g.observer, ...writers].map((u) => open(u.accessToken)));
    const seen = watchers.map(recordEvents);
    const senders = await Promise.all(writers.map((w) => open(w.accessToken)));
    const counted = await commits();

    // Each writer sends 12; the first two of writer 0 reuse one client id, all of writer 4's share one (some of
    // them land in one batch, the others after it), writer 2's sixth names a parent in
    // another thread (refused before it joins a batch), and writer 3's fourth mentions the observer.
    const sends = senders.map((socket, w) => {
      const shared = clientId();
      return range(0, 12).map((i) => {
        const payload: Record<string, unknown> = { threadId: thread.id, body: `w${w} m${i}` };
        payload.clientId = (w === 0 && i < 2) || w === 4 ? shared : clientId();
        if (w === 2 && i === 5) payload.parentId = foreignParent.message.id;
        if (w === 3 && i === 3) payload.body = `Hello <@${g.observer.id}>`;
        return socket.emitWithAck('message.send', payload as never) as unknown as Promise<Ack>;
      });
    });
    const acks = await Promise.all(sends.flat());

    const bad = acks[2 * 12 + 5];
    expect(bad).toMatchObject({ ok: false, error: { statusCode: 400 } });
    expect(bad.error!.details!.map((d) => d.field)).toEqual(['parentId']);
    const good = acks.filter((ack) => ack !== bad);
    expect(good.every((ack) => ack.ok && ack.data!.message.seq === ack.data!.seq)).toBe(true);
    // The duplicate is answered as the first send was: the same message, written once.
    expect(acks[1]).toEqual(acks[0]);
    const distinct = new Map(good.map((ack) => [ack.data!.message.id, ack.data!.seq]));
    for (const ack of acks.slice(4 * 12)) expect(ack).toEqual(acks[4 * 12]);
    expect(distinct.size).toBe(47);
    const seqs = [...distinct.values()].sort((x, y) => x - y);
    expect(seqs).toEqual(range(start + 1, 47));
    const after = await commits();
    const batched = { commits: after.commits - counted.commits, messages: after.messages - counted.messages };
    console.log(`group commit: ${batched.messages} sends settled by ${batched.commits} commits`);
    expect(batched.messages).toBe(59); // every send but the refused one was settled by a commit
    expect(batched.commits).toBeLessThan(batched.messages);

    // Every member got every message once, in seq order.
    await waitFor(() => seen.every((events) => createdSeqs(events).length >= 47), 5000, 'every push to every member');
    for (const events of seen) expect(createdSeqs(events)).toEqual(seqs);
    const stored = await t.db.query('SELECT seq::int AS seq FROM messages WHERE thread_id = $1 ORDER BY seq', [
      thread.id,
    ]);
    expect(stored.map((row: { seq: number }) => row.seq)).toEqual(seqs);
    const [counters] = await t.db.query('SELECT message_count AS n FROM threads WHERE id = $1', [thread.id]);
    expect(counters.n).toBe(47); // the duplicates were written once
    // The mention was stored with its message, and notified after commit.
    const mentioning = acks[3 * 12 + 3].data!.message;
    const [row] = await t.db.query('SELECT mentions FROM messages WHERE id = $1', [mentioning.id]);
    expect(row.mentions).toEqual([g.observer.id]);
    const isMention = (n: { type: string; subjectId: string | null }) =>
      n.type === 'message.mentioned' && n.subjectId === mentioning.id;
    let notified = await notificationsOf(t, g.observer);
    for (let tries = 0; tries < 30 && !notified.some(isMention); tries++) {
      await sleep(100);
      notified = await notificationsOf(t, g.observer);
    }
    expect(notified.filter(isMention)).toHaveLength(1);
    // The retry key of each send answers a later retry the same way.
    const retried = await senders[0].emitWithAck('message.send', {
      threadId: thread.id,
      body: 'w0 m5',
      clientId: (
        await t.db.query(
          `SELECT client_id FROM idempotency_keys WHERE user_id = $1 AND response->'message'->>'id' = $2`,
          [writers[0].id, acks[5].data!.message.id],
        )
      )[0].client_id,
    });
    expect(retried).toEqual(acks[5]);
  });

  it('a message that fails inside a batch gets its own error; the others commit, and nothing is half-written', async () => {
    const { g, writers, thread, before } = await burstGroup(3);
    const senders = await Promise.all(writers.map((w) => open(w.accessToken)));
    // A constraint only this test has: the batch holding it fails as a whole, and is written again one by one.
    await t.db.query(`ALTER TABLE messages ADD CONSTRAINT test_no_poison CHECK (body <> 'poison')`);
    try {
      const counted = await commits();
      const sends = senders.flatMap((socket, w) =>
        range(0, 10).map((i) =>
          socket.emitWithAck('message.send', {
            threadId: thread.id,
            body: w === 1 && i === 4 ? 'poison' : `w${w} m${i}`,
            clientId: clientId(),
          }),
        ),
      );
      const acks = (await Promise.all(sends)) as unknown as Ack[];
      const poisoned = acks[10 + 4];
      expect(poisoned).toMatchObject({ ok: false });
      const good = acks.filter((ack) => ack !== poisoned);
      expect(good.every((ack) => ack.ok)).toBe(true);
      expect(good.map((ack) => ack.data!.seq).sort((x, y) => x - y)).toEqual(range(before + 1, 29));
      const stored = await t.db.query('SELECT body FROM messages WHERE thread_id = $1', [thread.id]);
      expect(stored).toHaveLength(29);
      const [group] = await t.db.query('SELECT last_seq::int AS seq FROM working_groups WHERE id = $1', [g.id]);
      expect(group.seq).toBe(before + 29);
      const after = await commits();
      expect(after.messages - counted.messages).toBe(29);
    } finally {
      await t.db.query('ALTER TABLE messages DROP CONSTRAINT test_no_poison');
    }
  });
});

/** The same burst through two server processes sharing PostgreSQL and Redis: the group row orders their batches. */
const configured = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const maybe = configured ? describe : describe.skip;

maybe('group commit across two nodes', () => {
  let database: TestDatabase | undefined;
  let nodes: ServerProcess[] = [];
  const redisPrefix = `t${randomBytes(4).toString('hex')}:`;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = clusterEnv(database, redisPrefix, { WRITE_RATE_LIMIT: '10000', SOCKET_EVENT_RATE_LIMIT: '100000' });
    nodes = await Promise.all([startServer(env), startServer(env)]);
  }, 90_000);

  afterAll(async () => {
    sockets.splice(0).forEach((socket) => socket.close());
    await stopAllServers();
    await database?.drop();
    await forgetRedisKeys(redisPrefix);
  }, 60_000);

  it('sends to one group through both nodes at once take gap-free seqs, each pushed once, each node in seq order', async () => {
    const [a, b] = nodes;
    const { group, facilitator, member } = await setupClusterGroup(a);
    // Every socket its own user: a second socket of a user already online is not announced (see inRooms).
    const [second, watcherOnA, watcherOnB] = [await register(a), await register(b), await register(a)];
    for (const user of [second, watcherOnA, watcherOnB]) {
      await api(a, 'POST', `/api/groups/${group.id}/members`, facilitator, { userId: user.id, role: 'member' });
    }
    const thread = await api<{ id: string }>(a, 'POST', `/api/groups/${group.id}/threads`, facilitator, {
      title: 'Across nodes',
      kind: 'discussion',
    });
    const before = (await api<{ lastSeq: number }>(a, 'GET', `/api/groups/${group.id}`, facilitator)).lastSeq;

    const join = async (node: ServerProcess, user: typeof member) => {
      const socket = openSocket(node.url, user.accessToken);
      sockets.push(socket);
      const events = recordEvents(socket);
      const joined = inRooms(socket, user);
      await connected(socket);
      await joined;
      return { socket, events };
    };
    const onA = await join(a, member);
    const onB = await join(b, second);
    const watcherA = await join(a, watcherOnA);
    const watcherB = await join(b, watcherOnB);

    const sends = [onA, onB].flatMap(({ socket }, n) =>
      range(0, 30).map(
        (i) =>
          socket.emitWithAck('message.send', {
            threadId: thread.id,
            body: `node ${n} m${i}`,
            clientId: clientId(),
          }) as unknown as Promise<Ack>,
      ),
    );
    const acks = await Promise.all(sends);
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const seqs = acks.map((ack) => ack.data!.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(range(before + 1, 60));
    // Each node publishes what it wrote in seq order; the other node's pushes reach a socket through Redis, so the
    // two streams may interleave out of order (a client orders them by seq, and catches up on a gap).
    const writtenOn = [0, 30].map((from) => acks.slice(from, from + 30).map((ack) => ack.data!.seq));
    for (const { events } of [onA, onB, watcherA, watcherB]) {
      await waitFor(() => createdSeqs(events).length >= 60, 5000, 'sixty pushes');
      const received = createdSeqs(events);
      expect([...received].sort((x, y) => x - y)).toEqual(seqs);
      for (const own of writtenOn) {
        const fromNode = received.filter((seq) => own.includes(seq));
        expect(fromNode).toEqual([...fromNode].sort((x, y) => x - y));
      }
    }
  }, 30_000);
});
