import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import type { FeedEvent } from '../../src/events/events';
import {
  clientId,
  clusterSuite,
  countBy,
  duplicates,
  figure,
  nodeEnv,
  openDatabase,
  spread,
  startNode,
  storedMessages,
} from '../support/chaos';
import { api, Endpoint, FailoverClient, forgetRedisKeys, range, register, User } from '../support/cluster-client';
import { haproxyInstalled, LoadBalancer, startLoadBalancer } from '../support/load-balancer';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { openSocket, sleep, waitFor } from '../support/sockets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Issue 21, items 5 and 7: docker/haproxy.cfg itself, run by HAProxy in front of two real server processes. The
 * rule (TEMPLATE in test/support/load-balancer.ts): three strings, each found exactly once in the file, are replaced
 * and nothing else — `app1:3000` and `app2:3000` by the nodes' 127.0.0.1 addresses, `bind :8080` by
 * `bind 127.0.0.1:<free port>`; its `resolvers` section stays (an IP address is never looked up). Every client and every write goes through the load balancer; the nodes are read directly
 * only to see where a client landed (their /metrics). WebSocket and long-polling clients stay on their node, both
 * nodes get clients, and changes cross between them through Redis; a node stopped (SIGTERM), killed (SIGKILL) or
 * restarted in turn with its sibling costs no request, no acknowledged message and no event.
 */
const WRITE_EVERY_MS = 20;
const RECONNECT_WITHIN_MS = 2000;
const READERS_PER_TRANSPORT = 3;
const METRICS_TOKEN = randomBytes(16).toString('hex');
const POSTED_MESSAGES = 'method="POST",route="/api/threads/:threadId/messages"';

const cluster = clusterSuite('deployment: two nodes behind docker/haproxy.cfg');
const installed = haproxyInstalled();
const title = installed ? cluster.title : `${cluster.title} (skipped: haproxy is not installed)`;
if (!installed) console.warn(`${title}: apt-get install haproxy to run it`);
const run = installed ? cluster.run : describe.skip;

/** WebSocket only, long-polling only, and the web client's default: long-polling first, then the upgrade. */
type Transport = 'websocket' | 'polling' | 'upgrade';
const TRANSPORTS: Record<Transport, string[]> = {
  websocket: ['websocket'],
  polling: ['polling'],
  upgrade: ['polling', 'websocket'],
};
/** Node slots as the load balancer knows them: index 0 is `app1`, 1 is `app2`. */
const NAMES = ['app1', 'app2'];

interface Reader {
  client: FailoverClient;
  transport: Transport;
  /** The slot it first landed on. */
  slot: number;
  connects: number[];
}

/** Posts messages through the load balancer until stopped, each sent again with its clientId until acknowledged. */
class MessageWriter {
  readonly acked: { id: string; seq: number; body: string }[] = [];
  /** Every answer by status; 0 is a request that got no HTTP answer (reset, refused). */
  readonly answers: number[] = [];
  private stopped = false;
  private done?: Promise<void>;

  constructor(
    private readonly lb: Endpoint,
    private readonly user: User,
    private readonly threadId: string,
    private readonly tag: string,
  ) {}

  /** Answers that count as failed requests: neither 2xx nor a 503 the writer retried. */
  get failed(): number[] {
    return this.answers.filter((status) => !(status >= 200 && status < 300) && status !== 503);
  }

  start(): void {
    writers.push(this);
    // A writer that gives up stops, and says why in the test that awaits stop().
    this.done = this.loop();
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  /** One message, sent until acknowledged. */
  async post(body: string): Promise<void> {
    const id = clientId();
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > 100) throw new Error(`${body} not acknowledged after 100 attempts: ${this.answers.slice(-5)}`);
      const res = await fetch(`${this.lb.url}/api/threads/${this.threadId}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.user.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ body, clientId: id }),
      }).catch(() => undefined);
      const text = (await res?.text().catch(() => undefined)) ?? '';
      this.answers.push(res?.status ?? 0);
      if (res?.ok) {
        const posted = JSON.parse(text) as { message: { id: string }; seq: number };
        this.acked.push({ id: posted.message.id, seq: posted.seq, body });
        return;
      }
      await sleep(50);
    }
  }

  private async loop(): Promise<void> {
    for (let n = 1; !this.stopped; n += 1) {
      await this.post(`${this.tag} ${n}`);
      await sleep(WRITE_EVERY_MS);
    }
  }
}

/** Every writer started, so a failed test stops its own before the next begins. */
const writers: MessageWriter[] = [];

run(title, () => {
  let database: TestDatabase | undefined;
  let db: Client | undefined;
  let env: Record<string, string>;
  let lb: LoadBalancer | undefined;
  let through: Endpoint;
  const nodes: ServerProcess[] = [];
  const readers: Reader[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    env = nodeEnv(database, { METRICS_TOKEN, TRUST_PROXY: '1' });
    nodes.push(...(await Promise.all([startNode(env), startNode(env)])));
    lb = await startLoadBalancer(`127.0.0.1:${nodes[0].port}`, `127.0.0.1:${nodes[1].port}`);
    through = { url: lb.url, env };
    db = await openDatabase(database);
  }, 90_000);

  afterEach(async () => {
    readers.splice(0).forEach((reader) => reader.client.close());
    await Promise.allSettled(writers.splice(0).map((writer) => writer.stop()));
  });

  afterAll(async () => {
    await lb?.stop();
    await stopAllServers();
    await db?.end();
    await database?.drop();
    if (env) await forgetRedisKeys(env.REDIS_PREFIX);
  }, 30_000);

  /** A node's Prometheus text, read from the node itself: the one look behind the load balancer. */
  async function metric(slot: number, name: string, labels = ''): Promise<number> {
    const res = await fetch(`${nodes[slot].url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await res.text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(name) && line.includes(labels))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  }

  const socketsOn = (slot: number) => metric(slot, 'tansiq_sockets_connected');

  /** A group through the load balancer: its facilitator (the writer) and a member (every reader). */
  async function group() {
    const facilitator = await register(through);
    const member = await register(through);
    const { id } = await api<{ id: string }>(through, 'POST', '/api/groups', facilitator, {
      name: `Group ${randomBytes(3).toString('hex')}`,
    });
    await api(through, 'POST', `/api/groups/${id}/members`, facilitator, { userId: member.id, role: 'member' });
    const thread = await api<{ id: string }>(through, 'POST', `/api/groups/${id}/threads`, facilitator, {
      title: 'Deployment',
      kind: 'discussion',
    });
    return { id, threadId: thread.id, facilitator, member };
  }

  /**
   * Readers connected through the load balancer one at a time, so the node whose socket count rose is the one each
   * landed on; each caught up once before the next.
   */
  async function connectReaders(groupId: string, member: User): Promise<Reader[]> {
    const added: Reader[] = [];
    for (const transport of ['websocket', 'polling', 'upgrade'] as const) {
      for (let i = 0; i < READERS_PER_TRANSPORT; i += 1) {
        const before = await Promise.all([socketsOn(0), socketsOn(1)]);
        // withCredentials: socket.io-client (≥ 4.7) keeps the load balancer's affinity cookie in a jar of its own.
        const client = new FailoverClient([through.url], member.accessToken, groupId, {
          transports: TRANSPORTS[transport],
          withCredentials: true,
        });
        const connects: number[] = [];
        client.sockets[0].on('connect', () => connects.push(Date.now()));
        const reader: Reader = { client, transport, slot: -1, connects };
        readers.push(reader);
        await waitFor(() => client.syncs.length > 0 && !client.syncing, 10_000, `${transport} reader caught up`);
        const after = await Promise.all([socketsOn(0), socketsOn(1)]);
        reader.slot = after.findIndex((count, slot) => count > before[slot]);
        expect(reader.slot).toBeGreaterThanOrEqual(0);
        added.push(reader);
      }
    }
    return added;
  }

  /** The affinity cookie a polling reader holds now: the name of the node the load balancer pinned it to. */
  function affinity(reader: Reader): string | undefined {
    const jar = reader.client.sockets[0].io.engine._cookieJar;
    for (const [name, cookie] of jar?.cookies ?? []) if (name === 'SERVERID') return cookie.value;
    return undefined;
  }

  /**
   * After the writer stopped: one last message (as the next change would, it shows a reader any gap it still has),
   * then every reader holds every seq of the group once, each acknowledged message among them.
   */
  async function everyReaderHasEverything(writer: MessageWriter, groupId: string) {
    await writer.post('last');
    const lastSeq = writer.acked.at(-1)!.seq;
    await waitFor(
      () => readers.every((r) => r.client.replica.last >= lastSeq),
      20_000,
      `every reader at seq ${lastSeq}: ${readers.map((r) => r.client.replica.last)}`,
    );
    let lost = 0;
    let wrongSeqs = 0;
    for (const { client } of readers) {
      const seqs = client.replica.applied.map((event) => event.seq);
      if (seqs.join() !== range(1, lastSeq).join()) wrongSeqs += 1;
      const ids = new Set(
        client.replica.applied
          .filter((event: FeedEvent) => event.type === 'message.created')
          .map((event) => (event.data as { id: string }).id),
      );
      lost += writer.acked.filter((message) => !ids.has(message.id)).length;
    }
    const stored = await storedMessages(db!, [groupId]);
    const storedIds = new Set(stored.map((message) => message.id));
    return {
      lastSeq,
      lost,
      wrongSeqs,
      notStored: writer.acked.filter((message) => !storedIds.has(message.id)).length,
      duplicated: duplicates(stored),
      stored: stored.length,
      syncErrors: readers.flatMap((r) => r.client.errors),
    };
  }

  /** Until a request through the load balancer reaches the node in `slot` again (its health checks passed). */
  async function routedAgain(slot: number): Promise<void> {
    const served = () => metric(slot, 'tansiq_http_requests_total', 'route="/api/health/live"');
    const before = await served();
    const deadline = Date.now() + 20_000;
    while ((await served()) === before) {
      if (Date.now() > deadline) throw new Error(`the load balancer sends nothing to ${NAMES[slot]}`);
      await (await fetch(`${through.url}/api/health/live`)).text();
      await sleep(100);
    }
  }

  async function restart(slot: number, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const { port } = nodes[slot];
    await (signal === 'SIGTERM' ? nodes[slot].stop() : nodes[slot].kill('SIGKILL'));
    nodes[slot] = await startNode(env, 60_000, port);
    await routedAgain(slot);
  }

  /** From each reader's cut after `since` to its next connection, for the readers of `slot`. */
  function reconnectTimes(slot: number, since: number): number[] {
    return readers
      .filter((reader) => reader.slot === slot)
      .map((reader) => {
        const cut = reader.client.disconnects.find((d) => d.at >= since)?.at ?? Infinity;
        return (reader.connects.find((at) => at > cut) ?? Infinity) - cut;
      });
  }

  it('pins websocket and long-polling clients to one node each, spreads them over both, and crosses changes between them', async () => {
    const { id, threadId, facilitator, member } = await group();
    const added = await connectReaders(id, member);
    const postsBefore = await Promise.all(
      [0, 1].map((slot) => metric(slot, 'tansiq_http_requests_total', POSTED_MESSAGES)),
    );

    // Round robin: every write may land on either node; every reader must see all of them.
    const writer = new MessageWriter(through, facilitator, threadId, 'spread');
    for (let n = 1; n <= 20; n += 1) await writer.post(`spread ${n}`);
    const postsAfter = await Promise.all(
      [0, 1].map((slot) => metric(slot, 'tansiq_http_requests_total', POSTED_MESSAGES)),
    );
    const result = await everyReaderHasEverything(writer, id);
    const sockets = await Promise.all([socketsOn(0), socketsOn(1)]);

    const bySlot = (transport: Transport) =>
      NAMES.map((name, slot) => `${name} ${added.filter((r) => r.transport === transport && r.slot === slot).length}`);
    figure('load balanced: websocket readers by node', bySlot('websocket').join(', '));
    figure('load balanced: long-polling readers by node', bySlot('polling').join(', '));
    figure('load balanced: polling-then-websocket readers by node', bySlot('upgrade').join(', '));
    figure(
      'load balanced: writes by node',
      NAMES.map((name, s) => `${name} ${postsAfter[s] - postsBefore[s]}`).join(', '),
    );
    figure('load balanced: events lost', result.lost);

    expect(new Set(added.map((r) => r.slot))).toEqual(new Set([0, 1]));
    expect(postsAfter.map((count, slot) => count - postsBefore[slot]).every((count) => count > 0)).toBe(true);
    // Each stayed where it landed: a poll sent to the other node is refused ("Session ID unknown") and disconnects.
    expect(added.flatMap((r) => r.client.disconnects)).toEqual([]);
    const polled = added.filter((r) => r.transport !== 'websocket');
    expect(polled.map(affinity)).toEqual(polled.map((r) => NAMES[r.slot]));
    // The upgrade carries the cookie too: it reached the node holding the polling session, or it would have failed.
    const upgraded = added.filter((r) => r.transport === 'upgrade');
    await waitFor(
      () => upgraded.every((r) => r.client.sockets[0].io.engine.transport.name === 'websocket'),
      5000,
      'polling clients upgraded to websocket',
    );
    expect(sockets.reduce((a, b) => a + b)).toBe(added.length);
    expect(result).toMatchObject({ lost: 0, wrongSeqs: 0, notStored: 0, duplicated: 0, syncErrors: [] });
  }, 60_000);

  it('loses a long-polling client without its cookie jar (the affinity above is the cookie, not luck)', async () => {
    const { member } = await group();
    const socket = openSocket(through.url, member.accessToken, { transports: ['polling'], withCredentials: false });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('connect_error', (error) => resolve(`refused: ${error.message}`));
      socket.on('disconnect', (reason) => resolve(`disconnected: ${reason}`));
      setTimeout(() => resolve('still connected'), 5000);
    });
    socket.close();
    figure('load balanced: a polling client without cookies', outcome);
    expect(outcome).not.toBe('still connected');
  }, 30_000);

  it(`SIGTERM of a node under load: no failed request, its clients back through the other node within ${RECONNECT_WITHIN_MS / 1000} s, no event lost`, async () => {
    const { id, threadId, facilitator, member } = await group();
    await connectReaders(id, member);
    const retriedBefore = lb!.retried();
    const writer = new MessageWriter(through, facilitator, threadId, 'sigterm');
    writer.start();
    await waitFor(() => writer.acked.length >= 30, 20_000, 'writes before the signal');
    const signalledAt = Date.now();
    const { port } = nodes[0];
    await nodes[0].stop();
    const stoppedIn = Date.now() - signalledAt;
    await waitFor(() => readers.every((r) => r.client.connectedTo !== null), 10_000, 'every reader connected again');
    const onSurvivor = await socketsOn(1);
    await waitFor(() => writer.acked.length >= 30 + 60, 20_000, 'writes after the stop');
    await writer.stop();
    const result = await everyReaderHasEverything(writer, id);
    const reconnects = reconnectTimes(0, signalledAt);

    figure('load balanced, SIGTERM: requests by status', JSON.stringify(countBy(writer.answers)));
    figure('load balanced, SIGTERM: requests HAProxy sent again to a node', lb!.retried() - retriedBefore);
    figure('load balanced, SIGTERM: node exited after', `${stoppedIn} ms`);
    figure('load balanced, SIGTERM: its readers back through the other node, slowest', spread(reconnects));
    figure(
      'load balanced, SIGTERM: acknowledged, lost, duplicated',
      `${writer.acked.length}, ${result.lost}, ${result.duplicated}`,
    );

    expect(writer.failed).toEqual([]);
    expect(reconnects.length).toBeGreaterThan(0);
    expect(Math.max(...reconnects)).toBeLessThanOrEqual(RECONNECT_WITHIN_MS);
    expect(onSurvivor).toBe(readers.length);
    expect(result).toMatchObject({ lost: 0, wrongSeqs: 0, notStored: 0, duplicated: 0, syncErrors: [] });

    nodes[0] = await startNode(env, 60_000, port);
    await routedAgain(0);
  }, 90_000);

  it('SIGKILL of a node under load: no acknowledged message lost', async () => {
    const { id, threadId, facilitator, member } = await group();
    await connectReaders(id, member);
    const retriedBefore = lb!.retried();
    const writer = new MessageWriter(through, facilitator, threadId, 'sigkill');
    writer.start();
    await waitFor(() => writer.acked.length >= 30, 20_000, 'writes before the kill');
    const killedAt = Date.now();
    await restart(1, 'SIGKILL');
    const restartedIn = Date.now() - killedAt;
    await waitFor(() => writer.acked.length >= 30 + 60, 20_000, 'writes after the restart');
    await writer.stop();
    const result = await everyReaderHasEverything(writer, id);

    figure('load balanced, SIGKILL: requests by status', JSON.stringify(countBy(writer.answers)));
    figure('load balanced, SIGKILL: requests HAProxy sent again to a node', lb!.retried() - retriedBefore);
    figure('load balanced, SIGKILL: killed to routed again', `${restartedIn} ms`);
    figure('load balanced, SIGKILL: its readers connected again, slowest', spread(reconnectTimes(1, killedAt)));
    figure(
      'load balanced, SIGKILL: acknowledged, lost, duplicated',
      `${writer.acked.length}, ${result.lost}, ${result.duplicated}`,
    );

    expect(result).toMatchObject({ lost: 0, wrongSeqs: 0, notStored: 0, duplicated: 0, syncErrors: [] });
  }, 90_000);

  it('rolling restart of both nodes under load: none lost, none duplicated, no failed request', async () => {
    const { id, threadId, facilitator, member } = await group();
    await connectReaders(id, member);
    const retriedBefore = lb!.retried();
    const writer = new MessageWriter(through, facilitator, threadId, 'rolling');
    writer.start();
    await waitFor(() => writer.acked.length >= 30, 20_000, 'writes before the restart');
    const startedAt = Date.now();
    await restart(0, 'SIGTERM');
    const secondAt = Date.now();
    await restart(1, 'SIGTERM');
    const tookMs = Date.now() - startedAt;
    await waitFor(() => readers.every((r) => r.client.connectedTo !== null), 10_000, 'every reader connected again');
    await writer.stop();
    const result = await everyReaderHasEverything(writer, id);
    const reconnects = [...reconnectTimes(0, startedAt), ...reconnectTimes(1, secondAt)];

    figure('load balanced, rolling restart: requests by status', JSON.stringify(countBy(writer.answers)));
    figure('load balanced, rolling restart: requests HAProxy sent again to a node', lb!.retried() - retriedBefore);
    figure('load balanced, rolling restart: both nodes restarted in', `${tookMs} ms`);
    figure('load balanced, rolling restart: readers back, slowest', spread(reconnects));
    figure(
      'load balanced, rolling restart: acknowledged, stored, lost, duplicated',
      `${writer.acked.length}, ${result.stored}, ${result.lost}, ${result.duplicated}`,
    );

    expect(writer.failed).toEqual([]);
    expect(result).toMatchObject({ lost: 0, wrongSeqs: 0, notStored: 0, duplicated: 0, syncErrors: [] });
    expect(result.stored).toBe(writer.acked.length);
  }, 120_000);
});
