/**
 * connections: 10,000 idle authenticated sockets, each in 4 groups; memory per connection (RSS and V8 heap after a
 * forced GC, through the bench's --expose-gc bootstrap) for the product and the bare Socket.IO server, and whether
 * it comes back after everyone disconnects. Targets: ≤ 1.25 × baseline per connection and < 30 kB per connection.
 * Also measured: what an abruptly closed socket (no Socket.IO DISCONNECT, like a lost network) leaves behind.
 * Each figure is the median of ROUNDS alternating rounds on the same two servers, unsteady when they disagree.
 */
import { startGenerator } from './lib/harness';
import { alternate, median, ratioRow, Round, roundLabel } from './lib/rounds';
import { cpuOfPid } from './lib/proc';
import { createGroup, addMembers, pool as inParallel } from './lib/workspace';
import { startTarget, bareUsers } from './lib/socket-bench';
import type { BenchProcess, BenchServer } from './lib/processes';
import type { Memory } from './lib/ipc-server';
import type { ClientKind, ClientSpec, ConnectResult, StatusResult } from './lib/generator-protocol';
import type { Benchmark, Context, Options, Row } from './lib/types';

const RATIO_LIMIT = 1.25;
const BYTES_LIMIT = 30_000;

const scale = (opts: Options) =>
  opts.quick
    ? { users: 50, socketsPerUser: 10, groups: 12, generators: 1, abrupt: 100 }
    : { users: 250, socketsPerUser: 40, groups: 100, generators: 4, abrupt: 500 };
type Scale = ReturnType<typeof scale>;

const kb = (bytes: number | null) => (bytes === null ? '–' : `${(bytes / 1000).toFixed(1)} kB`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the server has used < 5% CPU over a second (presence storms, joins and leaves done), at most maxMs. */
async function waitIdle(pid: number, maxMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let before = cpuOfPid(pid);
  while (Date.now() < deadline) {
    await sleep(1000);
    const now = cpuOfPid(pid);
    if (now - before < 50) return true;
    before = now;
  }
  return false;
}

async function connectAll(generators: BenchProcess[], specs: ClientSpec[], kind: ClientKind): Promise<number> {
  const started = Date.now();
  const per = Math.ceil(specs.length / generators.length);
  const results = await Promise.all(
    generators.map((g, k) =>
      g.rpc<ConnectResult>('connect', {
        clients: specs.slice(k * per, (k + 1) * per),
        kind,
        concurrency: 50,
        timeoutMs: 120_000,
      }),
    ),
  );
  const failed = results.reduce((n, r) => n + r.failed, 0);
  if (failed)
    throw new Error(
      `${failed} sockets failed to connect: ${results
        .flatMap((r) => r.errors)
        .slice(0, 3)
        .join('; ')}`,
    );
  return Date.now() - started;
}

/**
 * With BENCH_HEAP_SNAPSHOTS set to a folder, the server writes a heap snapshot there before and after connecting
 * (`<who>-before.heapsnapshot`, `<who>-connected.heapsnapshot`): what a connection holds, by constructor, is their
 * difference (Chrome DevTools' comparison view). Off by default: a snapshot of a 400 MB heap takes seconds.
 */
async function snapshot(server: BenchServer, who: string, when: string): Promise<void> {
  const dir = process.env.BENCH_HEAP_SNAPSHOTS;
  if (!dir) return;
  const file = `${dir}/${who.replace(/\W+/g, '-')}-${when}.heapsnapshot`;
  await server.rpc('heapSnapshot', { file });
}

type Measurement = Awaited<ReturnType<typeof measure>>;

async function measure(
  ctx: Context,
  who: string,
  server: BenchServer,
  specs: ClientSpec[],
  s: Scale,
  kind: ClientKind,
) {
  const gc = async () => (await server.rpc<{ memory: Memory }>('gc')).memory;
  await waitIdle(server.pid, 10_000);
  const before = await gc();
  await snapshot(server, who, 'before');
  const generators = Array.from({ length: s.generators }, (_, k) => startGenerator(`gen-${who}-${k}`));
  const connectMs = await connectAll(generators, specs, kind);
  const cpuAtConnect = cpuOfPid(server.pid);
  const settled = await waitIdle(server.pid);
  const connected = await gc();
  await snapshot(server, who, 'connected');
  ctx.log(
    `${who}: ${specs.length} sockets in ${(connectMs / 1000).toFixed(1)} s (${settled ? 'settled' : 'still busy'}); ` +
      `RSS ${mb(before.rss)} → ${mb(connected.rss)}, heap ${mb(before.heapUsed)} → ${mb(connected.heapUsed)}`,
  );
  const statuses = await Promise.all(generators.map((g) => g.rpc<StatusResult>('status')));
  const stillConnected = statuses.reduce((n, st) => n + st.connected, 0);
  await Promise.all(generators.map((g) => g.rpc('disconnect', { clean: true })));
  await waitIdle(server.pid);
  await sleep(1000);
  const after = await gc();
  ctx.log(`${who}: all disconnected: RSS ${mb(after.rss)}, heap ${mb(after.heapUsed)}`);

  // Abrupt closes: the socket vanishes without a Socket.IO DISCONNECT (lost network, killed tab).
  const abruptSpecs = specs.slice(0, s.abrupt);
  await connectAll(generators.slice(0, 1), abruptSpecs, kind);
  await waitIdle(server.pid);
  const abruptBefore = after;
  await generators[0].rpc('disconnect', { clean: false });
  await waitIdle(server.pid);
  await sleep(1000);
  const abruptAfter = await gc();
  ctx.log(
    `${who}: ${s.abrupt} sockets connected and dropped abruptly: heap ${mb(abruptBefore.heapUsed)} → ${mb(abruptAfter.heapUsed)}`,
  );
  await Promise.all(generators.map((g) => g.stop()));
  const n = specs.length;
  return {
    sockets: n,
    stillConnected,
    connectMs,
    cpuAtConnect,
    before,
    connected,
    after,
    abruptAfter,
    rssPerConnection: (connected.rss - before.rss) / n,
    heapPerConnection: (connected.heapUsed - before.heapUsed) / n,
    externalPerConnection: (connected.external - before.external) / n,
    rssReturned: after.rss - before.rss,
    heapReturned: after.heapUsed - before.heapUsed,
    heapRetainedPerAbrupt: (abruptAfter.heapUsed - abruptBefore.heapUsed) / s.abrupt,
  };
}

async function run(ctx: Context) {
  const s = scale(ctx.opts);
  const kind = ctx.opts.sio ? 'sio' : 'lean';
  const users = ctx.pool.users.slice(0, s.users);
  const groupsOf = (i: number) => [0, 1, 2, 3].map((k) => (i + (k * s.groups) / 4) % s.groups);
  const { databaseUrl, drop } = await ctx.pool.clone('connections');
  const servers: BenchServer[] = [];
  let rounds: ConnectionsRound[];
  try {
    const product = await startTarget('product', { databaseUrl, label: 'product-connections' });
    servers.push(product);
    const admin = ctx.pool.adminUser.token;
    const groupIds = await inParallel([...Array(s.groups).keys()], 4, (g) =>
      createGroup(product.url, admin, `Connections group ${g}`),
    );
    const pairs = users.flatMap((u, i) => groupsOf(i).map((g) => ({ groupId: groupIds[g], userId: u.id })));
    await addMembers(product.url, admin, pairs, `adding ${users.length} users to 4 groups each`);
    const specs = (url: string) =>
      users.flatMap((u, i) =>
        Array.from({ length: s.socketsPerUser }, () => ({ url, auth: { token: u.token }, groups: groupsOf(i) })),
      );
    const bare = await startTarget('bare', {
      users: bareUsers(users, groupsOf, groupIds),
      threads: {},
      label: 'bare-connections',
    });
    servers.push(bare);
    // Both servers stay up; each round connects everyone to one, reads its memory, disconnects, then the other.
    // A later round starts from what the earlier left (after a forced GC): the figures are differences.
    rounds = await alternate(
      {
        product: (k) => measure(ctx, roundLabel(k, 'product'), product, specs(product.url), s, kind),
        baseline: (k) => measure(ctx, roundLabel(k, 'baseline'), bare, specs(bare.url), s, kind),
      },
      { log: ctx.log },
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await drop();
  }
  return report(s, rounds, kind);
}

type ConnectionsRound = Round<Measurement, Measurement>;

function report(s: Scale, rounds: ConnectionsRound[], kind: ClientKind) {
  const returned = (r: Measurement) => r.heapReturned < 0.05 * (r.connected.heapUsed - r.before.heapUsed) + 2e6;
  const med = (f: (r: Measurement) => number) => ({
    p: median(rounds.map((r) => f(r.product))),
    b: median(rounds.map((r) => f(r.baseline))),
  });
  const invalidReasons: string[] = [];
  for (const r of rounds)
    for (const who of r.order)
      if (r[who].stillConnected !== r[who].sockets)
        invalidReasons.push(
          `${roundLabel(r.index, who)}: only ${r[who].stillConnected} of ${r[who].sockets} sockets were still connected when memory was read`,
        );
  const perConnection = (metric: string, f: (r: Measurement) => number): Row => {
    const productMedian = med(f).p;
    return ratioRow(metric, rounds, (r) => [f(r.product), f(r.baseline)], {
      target: `≤ ${RATIO_LIMIT}× and < ${BYTES_LIMIT / 1000} kB`,
      test: (x) => x <= RATIO_LIMIT && productMedian !== null && productMedian < BYTES_LIMIT,
      format: kb,
    });
  };
  const heapBack = med((r) => r.heapReturned);
  const rssBack = med((r) => r.rssReturned);
  const abrupt = med((r) => r.heapRetainedPerAbrupt);
  const mbOf = (v: number | null) => (v === null ? '–' : mb(v));
  return {
    startedAt: new Date().toISOString(),
    scale: `${s.users * s.socketsPerUser} sockets (${s.users} users × ${s.socketsPerUser} sockets), each in 4 of ${s.groups} groups, from ${s.generators} generator process(es); ${rounds.length} rounds alternating product and bare Socket.IO (both servers up throughout); ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    rounds: rounds.length,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows: [
      perConnection('RSS per connection', (r) => r.rssPerConnection),
      perConnection('V8 heap per connection (after GC)', (r) => r.heapPerConnection),
      ratioRow(
        'external (buffers) per connection',
        rounds,
        (r) => [r.product.externalPerConnection, r.baseline.externalPerConnection],
        { format: kb },
      ),
      {
        metric: 'heap after all disconnected (vs before, median)',
        product: mbOf(heapBack.p),
        baseline: mbOf(heapBack.b),
        target: 'returns in every round',
        met: rounds.every((r) => returned(r.product)),
      },
      {
        metric: 'RSS after all disconnected (vs before, median)',
        product: mbOf(rssBack.p),
        baseline: mbOf(rssBack.b),
      },
      ratioRow('time to connect all', rounds, (r) => [r.product.connectMs, r.baseline.connectMs], {
        format: (v) => (v === null ? '–' : `${(v / 1000).toFixed(1)} s`),
      }),
      {
        metric: `heap kept per abruptly closed socket (${s.abrupt}, median)`,
        product: kb(abrupt.p),
        baseline: kb(abrupt.b),
      },
    ],
    details: { rounds },
  };
}

export const benchmark: Benchmark = {
  name: 'connections',
  description: 'idle authenticated sockets in 4 groups each: memory per connection, product vs bare Socket.IO',
  usersNeeded: (opts) => scale(opts).users,
  run,
};
