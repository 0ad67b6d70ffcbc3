import type { Client } from 'pg';
import { api, User } from '../support/cluster-client';
import { ChaosClient } from '../support/chaos-client';
import {
  clientId,
  clusterSuite,
  duplicates,
  feedGaps,
  figure,
  groupWithMembers,
  GroupWithThread,
  healthStatus,
  isAlive,
  NodeLog,
  nodeEnv,
  openDatabase,
  scaled,
  seconds,
  startNode,
  storedMessages,
} from '../support/chaos';
import { PrivateRedis } from '../support/private-redis';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { sleep, waitFor } from '../support/sockets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Issue 9, check 2: the Redis both nodes share (a private one, so it can be paused and cut) stalls for a while, and
 * separately loses its connections. Neither node crashes, nothing acknowledged is lost, and live delivery from one
 * node to the other resumes within 10 s of the fault ending.
 */
const PAUSE_MS = scaled(5_000, 15_000);
const RESUME_WITHIN_MS = 10_000;
const WRITE_EVERY_MS = 100;

const { run, title } = clusterSuite('reliability: Redis outages');

interface Write {
  via: 'rest' | 'socket';
  body: string;
  startedAt: number;
  ackedAt: number;
  messageId: string;
  seq: number;
}

/** Posts messages through one node without pause, over REST and over its socket, noting what was acknowledged. */
class Writers {
  readonly writes: Write[] = [];
  readonly failures: string[] = [];
  /** Answers a socket send got before its acknowledgement (statuses), and its emits that got no answer. */
  readonly refusals: number[] = [];
  private stopped = false;
  private running: Promise<void>[] = [];

  constructor(
    private readonly node: ServerProcess,
    private readonly by: User,
    private readonly socket: ChaosClient,
    private readonly threadId: string,
    private readonly tag: string,
  ) {}

  start(): void {
    this.running = [this.loop('rest'), this.loop('socket')];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  /** The first write asked for at or after `at`, once it is acknowledged. */
  async firstStartedAfter(at: number, timeoutMs = 30_000): Promise<Write> {
    await waitFor(() => this.writes.some((w) => w.startedAt >= at), timeoutMs, 'a write started after the fault');
    return this.writes.filter((w) => w.startedAt >= at).sort((a, b) => a.seq - b.seq)[0];
  }

  private async sendOverSocket(body: string) {
    const unansweredBefore = this.socket.unanswered;
    const delivered = await this.socket.send({ threadId: this.threadId, body, clientId: clientId() });
    this.refusals.push(...delivered.refused.map((e) => e.statusCode));
    for (let i = unansweredBefore; i < this.socket.unanswered; i += 1) this.refusals.push(0);
    return delivered.posted;
  }

  private async loop(via: 'rest' | 'socket'): Promise<void> {
    for (let n = 0; !this.stopped; n += 1) {
      const body = `${this.tag} ${via} ${n}`;
      const startedAt = Date.now();
      try {
        const posted =
          via === 'rest'
            ? await api<{ message: { id: string }; seq: number }>(
                this.node,
                'POST',
                `/api/threads/${this.threadId}/messages`,
                this.by,
                { body, clientId: clientId() },
              )
            : await this.sendOverSocket(body);
        this.writes.push({ via, body, startedAt, ackedAt: Date.now(), messageId: posted.message.id, seq: posted.seq });
      } catch (error) {
        this.failures.push(`${via}: ${(error as Error).message}`);
      }
      await sleep(WRITE_EVERY_MS);
    }
  }
}

run(title, () => {
  let database: TestDatabase | undefined;
  let db: Client | undefined;
  let redis: PrivateRedis | undefined;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let group: GroupWithThread;
  const clients: ChaosClient[] = [];
  let errorsReported = 0;
  const logs: NodeLog[] = [];
  let stopping = false;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await PrivateRedis.start();
    const env = nodeEnv(database, { REDIS_URL: redis.url });
    [nodeA, nodeB] = await Promise.all([startNode(env), startNode(env)]);
    logs.push(new NodeLog(nodeA), new NodeLog(nodeB));
    logs[0].reportCrash('node A', () => stopping);
    logs[1].reportCrash('node B', () => stopping);
    db = await openDatabase(database);
    group = await groupWithMembers([nodeB, nodeA], 1);
  }, 90_000);

  afterAll(async () => {
    stopping = true;
    clients.forEach((client) => client.close());
    await stopAllServers();
    await redis?.stop();
    await db?.end();
    await database?.drop();
  }, 30_000);

  /**
   * A member listening on node A, the facilitator writing through node B; the fault runs while they do. Answers
   * how long after the fault ended a write made after it reached node A live, and what was acknowledged.
   */
  async function underFault(tag: string, fault: () => Promise<number>) {
    const slots = [nodeA.url, nodeB.url];
    const listener = new ChaosClient(() => slots, group.members[0].accessToken, group.id, 0);
    const sender = new ChaosClient(() => slots, group.facilitator.accessToken, group.id, 1);
    clients.push(listener, sender);
    await waitFor(() => listener.caughtUp.length > 0 && sender.caughtUp.length > 0, 10_000, 'both clients connected');
    const writers = new Writers(nodeB, group.facilitator, sender, group.threadId, tag);
    writers.start();
    try {
      const liveBefore = listener.live.length;
      await waitFor(() => listener.live.length >= liveBefore + 5, 10_000, 'live events on node A before the fault');
      const endedAt = await fault();
      const first = await writers.firstStartedAfter(endedAt);
      await waitFor(
        () => listener.live.some((e) => e.seq >= first.seq && e.at >= endedAt),
        RESUME_WITHIN_MS + 20_000,
        'live delivery on node A after the fault',
      ).catch(() => undefined);
      const resumedAt = listener.live.find((e) => e.seq >= first.seq && e.at >= endedAt)?.at;
      await sleep(500);
      await writers.stop();

      const feed = (await feedGaps(db!, [group.id])).get(group.id)!;
      await listener.catchUpTo(feed.lastSeq);
      const lost = writers.writes.filter((w) => {
        const event = listener.replica.applied[w.seq - 1];
        return (event?.data as { id?: string } | undefined)?.id !== w.messageId;
      });
      const stored = await storedMessages(db!, [group.id]);
      const storedIds = new Set(stored.map((m) => m.id));
      return {
        resumeMs: resumedAt === undefined ? Infinity : resumedAt - endedAt,
        writes: writers.writes,
        failures: writers.failures,
        refusals: writers.refusals,
        lost: lost.length,
        notCommitted: writers.writes.filter((w) => !storedIds.has(w.messageId)).length,
        duplicates: duplicates(stored),
        seqGaps: feed.gaps,
        slowestMs: (via: Write['via']) =>
          Math.max(0, ...writers.writes.filter((w) => w.via === via).map((w) => w.ackedAt - w.startedAt)),
      };
    } finally {
      await writers.stop();
      listener.close();
      sender.close();
    }
  }

  async function crashes(): Promise<number> {
    // Alive and answering /api/health with 200 again within 10 s of the fault.
    const healthy = async (node: ServerProcess) => {
      for (const deadline = Date.now() + 10_000; isAlive(node) && Date.now() < deadline; await sleep(200)) {
        if ((await healthStatus(node)) === 200) return true;
      }
      return false;
    };
    const [a, b] = await Promise.all([healthy(nodeA), healthy(nodeB)]);
    return [a, b].filter((ok) => !ok).length;
  }

  function report(tag: string, result: Awaited<ReturnType<typeof underFault>>, crashed: number) {
    figure(`${tag}: node crashes`, crashed);
    figure(`${tag}: acknowledged messages lost after catch-up`, result.lost);
    figure(`${tag}: acknowledged messages not in the database`, result.notCommitted);
    figure(`${tag}: duplicate messages`, result.duplicates);
    figure(`${tag}: seq gaps in the feed`, result.seqGaps);
    figure(`${tag}: seconds until live cross-node delivery resumed`, seconds(result.resumeMs));
    figure(
      `${tag}: writes acknowledged`,
      `${result.writes.length}, slowest over REST ${seconds(result.slowestMs('rest'))} s, over the socket ${seconds(result.slowestMs('socket'))} s, failures ${result.failures.length}, socket refusals before the acknowledgement ${JSON.stringify(result.refusals)} (0: no answer within 10 s)`,
    );
    const errors = logs.flatMap((log) => log.errors());
    figure(`${tag}: errors logged by the nodes`, errors.length - errorsReported);
    if (errors.length > errorsReported) console.log(errors.slice(errorsReported).slice(-5).join('\n'));
    errorsReported = errors.length;
  }

  it(`Redis paused for ${PAUSE_MS / 1000} s: no crash, nothing lost, live delivery back within 10 s`, async () => {
    const health: number[] = [];
    const result = await underFault('pause', async () => {
      redis!.pause();
      try {
        await sleep(PAUSE_MS / 2);
        health.push(await healthStatus(nodeA), await healthStatus(nodeB));
        await sleep(PAUSE_MS / 2);
      } finally {
        redis!.resume();
      }
      return Date.now();
    });
    const crashed = await crashes();
    report(`redis paused ${PAUSE_MS / 1000} s`, result, crashed);
    figure(`redis paused ${PAUSE_MS / 1000} s: /api/health while paused`, health.join(', '));

    expect(crashed).toBe(0);
    expect(result.failures).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.notCommitted).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.seqGaps).toBe(0);
    expect(result.resumeMs).toBeLessThanOrEqual(RESUME_WITHIN_MS);
    expect(health).toEqual([503, 503]);
  }, 120_000);

  it('Redis pub/sub connections killed: no crash, nothing lost, live delivery back within 10 s', async () => {
    let killed = 0;
    const result = await underFault('pubsub', async () => {
      killed = await redis!.killClients('TYPE', 'pubsub');
      return Date.now();
    });
    const crashed = await crashes();
    report('redis pub/sub killed', result, crashed);
    figure('redis pub/sub killed: connections killed', killed);

    expect(killed).toBeGreaterThan(0);
    expect(crashed).toBe(0);
    expect(result.failures).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.seqGaps).toBe(0);
    expect(result.resumeMs).toBeLessThanOrEqual(RESUME_WITHIN_MS);
  }, 60_000);

  // The Streams adapter carries broadcasts over XREAD on an ordinary connection, not pub/sub: cut those too.
  it('every Redis connection killed: no crash, nothing lost, live delivery back within 10 s', async () => {
    let killed = 0;
    const result = await underFault('all', async () => {
      killed = await redis!.killClients('TYPE', 'normal');
      killed += await redis!.killClients('TYPE', 'pubsub');
      return Date.now();
    });
    const crashed = await crashes();
    report('redis connections killed', result, crashed);
    figure('redis connections killed: connections killed', killed);

    expect(crashed).toBe(0);
    expect(result.failures).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.seqGaps).toBe(0);
    expect(result.resumeMs).toBeLessThanOrEqual(RESUME_WITHIN_MS);
  }, 60_000);
});
