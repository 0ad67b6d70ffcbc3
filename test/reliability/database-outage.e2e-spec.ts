import { PASSWORD } from '../support/factories';
import {
  clientId,
  clusterSuite,
  countBy,
  errorCauses,
  figure,
  scaled,
  seconds,
  storedMessages,
} from '../support/chaos';
import { FaultCluster, HANG_MS, isUnavailable, request } from '../support/fault-cluster';
import type { User } from '../support/cluster-client';
import { openSocket, sleep, waitFor } from '../support/sockets';

/**
 * Issue 9, check 3 (second half): the database is away for a few seconds three ways: closed to connections
 * (ALLOW_CONNECTIONS false), stalled (a partition: connections open, nothing answers) and unreachable (connections
 * reset, new ones refused, as when its server goes down). Meanwhile both nodes answer 503 in the one error shape,
 * not 500, 401 or a hang; afterwards they recover without a restart, and every write retried with its clientId is
 * stored exactly once.
 */
const MEMBERS = 6;
const OUTAGE_MS = scaled(4_000, 10_000);
/** A stall has to outlast the hang threshold to show whether requests wait on it or give up. */
const STALL_MS = scaled(8_000, 15_000);
const PROBE_EVERY_MS = 250;
const RECOVER_WITHIN_MS = 10_000;

const { run, title } = clusterSuite('reliability: database outages');

run(title, () => {
  const cluster = new FaultCluster();

  beforeAll(() => cluster.start(MEMBERS), 90_000);
  // A node that crashed in one check is up again before the next, which measures its own fault.
  beforeEach(() => cluster.settle(), 90_000);
  afterAll(() => cluster.stop(), 30_000);

  /**
   * Probes both nodes without pause while the database is away: reads, posts and socket sends and catch-ups, and
   * new socket handshakes. Then restores it, times the recovery, and retries every unacknowledged post once more
   * with its clientId.
   */
  async function outage(tag: string, begin: () => Promise<void>, end: () => Promise<void>, lastsMs = OUTAGE_MS) {
    const { nodes, clients, group, checker } = cluster;
    await waitFor(() => clients.every((c) => c.connected), 15_000, 'every socket client connected before the outage');
    const probes: { kind: string; status: number; ms: number; shapeOk: boolean }[] = [];
    const writes: { user: User; body: string; id: string; acked: boolean }[] = [];
    const handshakes: string[] = [];
    const [reader, writer] = cluster.restUsers;
    await begin();
    const began = Date.now();
    const during = () => Date.now() - began < lastsMs;
    const loop = async (probe: (i: number) => Promise<void>) => {
      for (let i = 0; during(); i += 1) {
        await probe(i);
        await sleep(PROBE_EVERY_MS);
      }
    };
    const probing = Promise.all([
      loop(async (i) => {
        const answer = await request(nodes[i % 2], 'GET', `/api/groups/${group.id}`, reader);
        probes.push({ kind: 'rest read', status: answer.status, ms: answer.ms, shapeOk: isUnavailable(answer.body) });
      }),
      // A public route: no session lookup in front, so the error filter's own answer shows.
      loop(async (i) => {
        const answer = await request(nodes[i % 2], 'POST', '/api/auth/login', undefined, {
          email: 'nobody@example.org',
          password: PASSWORD,
        });
        probes.push({ kind: 'rest login', status: answer.status, ms: answer.ms, shapeOk: isUnavailable(answer.body) });
      }),
      loop(async (i) => {
        const write = { user: writer, body: `${tag} rest ${i}`, id: clientId(), acked: false };
        writes.push(write);
        const answer = await request(nodes[i % 2], 'POST', `/api/threads/${group.threadId}/messages`, writer, {
          body: write.body,
          clientId: write.id,
        });
        write.acked = answer.status === 201;
        probes.push({ kind: 'rest post', status: answer.status, ms: answer.ms, shapeOk: isUnavailable(answer.body) });
      }),
      ...clients.slice(0, 2).map((client, c) =>
        loop(async (i) => {
          const write = { user: group.members[c * 2], body: `${tag} socket ${c} ${i}`, id: clientId(), acked: false };
          writes.push(write);
          const started = Date.now();
          const answer = await client.sendOnce(
            { threadId: group.threadId, body: write.body, clientId: write.id },
            2 * HANG_MS,
          );
          write.acked = answer?.ok === true;
          const status = answer === undefined ? 0 : answer.ok ? 200 : answer.error.statusCode;
          probes.push({
            kind: 'socket send',
            status,
            ms: Date.now() - started,
            shapeOk: !answer?.ok && isUnavailable(answer?.error),
          });
        }),
      ),
      loop(async () => {
        const started = Date.now();
        const answer = await clients[2].syncOnce(2 * HANG_MS);
        const status = answer === undefined ? 0 : answer.ok ? 200 : answer.error.statusCode;
        probes.push({
          kind: 'socket sync',
          status,
          ms: Date.now() - started,
          shapeOk: !answer?.ok && isUnavailable(answer?.error),
        });
      }),
      loop(async (i) => {
        const socket = openSocket(nodes[i % 2].url, reader.accessToken, { timeout: 2 * HANG_MS });
        handshakes.push(
          await new Promise<string>((resolve) => {
            socket.once('connect', () => resolve('connected'));
            socket.once('connect_error', (error) => resolve(`refused: ${error.message}`));
          }),
        );
        socket.close();
        await sleep(750);
      }),
    ]);
    await sleep(lastsMs);
    await end();
    const endedAt = Date.now();
    await probing;

    // Recovery: a read on each node and a socket send, without restarting anything.
    let recoveredAt: number | undefined;
    for (let i = 0; Date.now() - endedAt < 3 * RECOVER_WITHIN_MS; i += 1) {
      const reads = await Promise.all(nodes.map((node) => request(node, 'GET', `/api/groups/${group.id}`, reader)));
      const write = { user: group.members[0], body: `${tag} recovery ${i}`, id: clientId(), acked: false };
      writes.push(write);
      const sent = await clients[0].sendOnce({ threadId: group.threadId, body: write.body, clientId: write.id }, 2000);
      write.acked = sent?.ok === true;
      if (reads.every((r) => r.status === 200) && write.acked) {
        recoveredAt = Date.now();
        break;
      }
      await sleep(100);
    }

    // Every post that was not acknowledged, once more with its own clientId, until it is.
    const retried = writes.filter((w) => !w.acked);
    await Promise.all(retried.map((w) => cluster.postUntilAcked(w.user, w.body, w.id)));
    const stored = (await storedMessages(checker, [group.id])).filter((m) => m.body.startsWith(`${tag} `));
    const rowsPerWrite = writes.map((w) => stored.filter((m) => m.body === w.body).length);
    await sleep(500); // the nodes' last log lines on their way
    return {
      probes,
      handshakes,
      recoverMs: recoveredAt === undefined ? Infinity : recoveredAt - endedAt,
      retried: retried.length,
      writes: writes.length,
      duplicates: rowsPerWrite.filter((n) => n > 1).length,
      missing: rowsPerWrite.filter((n) => n === 0).length,
      crashed: await cluster.crashes(),
    };
  }

  /** What a probe gets while the database answers: the login of an unknown address is refused with 401. */
  const answered = (p: { kind: string; status: number }) =>
    p.status === 200 || p.status === 201 || (p.kind === 'rest login' && p.status === 401);

  function report(tag: string, result: Awaited<ReturnType<typeof outage>>) {
    const failed = result.probes.filter((p) => !answered(p));
    const unavailable = failed.filter((p) => p.shapeOk);
    const hangs = result.probes.filter((p) => p.status === 0 || p.ms > HANG_MS);
    figure(
      `${tag}: requests answered 503 with the JSON error shape`,
      `${unavailable.length} of ${result.probes.length} (${JSON.stringify(countBy(unavailable.map((p) => p.kind)))})`,
    );
    figure(
      `${tag}: answers by kind and status`,
      JSON.stringify(countBy(result.probes.map((p) => `${p.kind} ${p.status}`))),
    );
    figure(`${tag}: answered 500`, result.probes.filter((p) => p.status === 500).length);
    figure(`${tag}: hangs over ${HANG_MS / 1000} s`, hangs.length);
    figure(`${tag}: slowest answer`, `${seconds(Math.max(...result.probes.map((p) => p.ms)))} s`);
    figure(`${tag}: socket handshakes during the outage`, JSON.stringify(countBy(result.handshakes)));
    figure(`${tag}: seconds until requests succeed again`, seconds(result.recoverMs));
    figure(
      `${tag}: writes retried with the same clientId`,
      `${result.retried} of ${result.writes}; duplicates ${result.duplicates}, missing ${result.missing}`,
    );
    figure(`${tag}: node crashes`, result.crashed);
    figure(`${tag}: errors logged by the nodes, by cause`, JSON.stringify(errorCauses(cluster.newErrors())));
  }

  function expectGraceful(result: Awaited<ReturnType<typeof outage>>) {
    const failed = result.probes.filter((p) => !answered(p));
    expect(result.crashed).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.missing).toBe(0);
    expect(result.recoverMs).toBeLessThanOrEqual(RECOVER_WITHIN_MS);
    expect(result.probes.filter((p) => p.status === 0 || p.ms > HANG_MS)).toEqual([]);
    expect(failed.filter((p) => !p.shapeOk)).toEqual([]);
    expect(failed.length).toBeGreaterThan(0);
  }

  it(`database closed to connections for ${OUTAGE_MS / 1000} s: 503s, no hang, recovery without a restart`, async () => {
    const result = await outage(
      'db closed',
      async () => void (await cluster.faults.block()),
      () => cluster.faults.unblock(),
    );
    report('db closed', result);
    expectGraceful(result);
  }, 120_000);

  it(`database stalled (a partition: connections open, nothing answers) for ${STALL_MS / 1000} s: 503s, no hang, recovery`, async () => {
    const result = await outage(
      'db stalled',
      async () => cluster.proxy.stall(),
      () => cluster.proxy.restore(),
      STALL_MS,
    );
    report('db stalled', result);
    expectGraceful(result);
  }, 120_000);

  it(`database unreachable (connections reset, new ones refused) for ${OUTAGE_MS / 1000} s: 503s, no hang, recovery`, async () => {
    const result = await outage(
      'db unreachable',
      () => cluster.proxy.cut(),
      () => cluster.proxy.restore(),
    );
    report('db unreachable', result);
    expectGraceful(result);
  }, 120_000);
});
