/**
 * connections: 10,000 idle authenticated sockets, each in 4 groups; memory per connection (RSS and V8 heap after a
 * forced GC, through the bench's --expose-gc bootstrap) for the product and the bare Socket.IO server, and whether
 * it comes back after everyone disconnects. Targets: ≤ 1.25 × baseline per connection and < 30 kB per connection.
 * Also measured: what an abruptly closed socket (no Socket.IO DISCONNECT, like a lost network) leaves behind.
 */
import { ratio, startGenerator } from './lib/harness';
import { cpuOfPid } from './lib/proc';
import { createGroup, addMembers, pool as inParallel } from './lib/workspace';
import { startTarget, bareUsers } from './lib/socket-bench';
import type { BenchProcess, BenchServer } from './lib/processes';
import type { Memory } from './lib/ipc-server';
import type { ClientKind, ClientSpec, ConnectResult, StatusResult } from './lib/generator-protocol';
import type { Benchmark, Context, Options } from './lib/types';

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
  const generators = Array.from({ length: s.generators }, (_, k) => startGenerator(`gen-${who}-${k}`));
  const connectMs = await connectAll(generators, specs, kind);
  const cpuAtConnect = cpuOfPid(server.pid);
  const settled = await waitIdle(server.pid);
  const connected = await gc();
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
  let product: Measurement;
  let baseline: Measurement;
  try {
    let server = await startTarget('product', { databaseUrl, label: 'product-connections' });
    const admin = ctx.pool.adminUser.token;
    const groupIds = await inParallel([...Array(s.groups).keys()], 4, (g) =>
      createGroup(server.url, admin, `Connections group ${g}`),
    );
    const pairs = users.flatMap((u, i) => groupsOf(i).map((g) => ({ groupId: groupIds[g], userId: u.id })));
    await addMembers(server.url, admin, pairs, `adding ${users.length} users to 4 groups each`);
    const specs = (url: string) =>
      users.flatMap((u, i) =>
        Array.from({ length: s.socketsPerUser }, () => ({ url, auth: { token: u.token }, groups: groupsOf(i) })),
      );
    product = await measure(ctx, 'product', server, specs(server.url), s, kind);
    await server.stop();
    server = await startTarget('bare', {
      users: bareUsers(users, groupsOf, groupIds),
      threads: {},
      label: 'bare-connections',
    });
    baseline = await measure(ctx, 'baseline', server, specs(server.url), s, kind);
    await server.stop();
  } finally {
    await drop();
  }
  return report(s, { product, baseline }, kind);
}

function report(s: Scale, out: { product: Measurement; baseline: Measurement }, kind: ClientKind) {
  const p = out.product;
  const b = out.baseline;
  const rssRatio = ratio(p.rssPerConnection, b.rssPerConnection);
  const heapRatio = ratio(p.heapPerConnection, b.heapPerConnection);
  const returned = (r: Measurement) => r.heapReturned < 0.05 * (r.connected.heapUsed - r.before.heapUsed) + 2e6;
  const invalidReasons: string[] = [];
  for (const [who, r] of Object.entries(out))
    if (r.stillConnected !== r.sockets)
      invalidReasons.push(
        `${who}: only ${r.stillConnected} of ${r.sockets} sockets were still connected when memory was read`,
      );
  return {
    startedAt: new Date().toISOString(),
    scale: `${s.users * s.socketsPerUser} sockets (${s.users} users × ${s.socketsPerUser} sockets), each in 4 of ${s.groups} groups, from ${s.generators} generator process(es); ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows: [
      {
        metric: 'RSS per connection',
        product: kb(p.rssPerConnection),
        baseline: kb(b.rssPerConnection),
        ratio: rssRatio,
        target: `≤ ${RATIO_LIMIT}× and < ${BYTES_LIMIT / 1000} kB`,
        met: rssRatio !== null && rssRatio <= RATIO_LIMIT && p.rssPerConnection < BYTES_LIMIT,
      },
      {
        metric: 'V8 heap per connection (after GC)',
        product: kb(p.heapPerConnection),
        baseline: kb(b.heapPerConnection),
        ratio: heapRatio,
        target: `≤ ${RATIO_LIMIT}× and < ${BYTES_LIMIT / 1000} kB`,
        met: heapRatio !== null && heapRatio <= RATIO_LIMIT && p.heapPerConnection < BYTES_LIMIT,
      },
      {
        metric: 'external (buffers) per connection',
        product: kb(p.externalPerConnection),
        baseline: kb(b.externalPerConnection),
        ratio: ratio(p.externalPerConnection, b.externalPerConnection),
      },
      {
        metric: 'heap after all disconnected (vs before)',
        product: `${mb(p.heapReturned)}`,
        baseline: `${mb(b.heapReturned)}`,
        target: 'returns',
        met: returned(p),
      },
      {
        metric: 'RSS after all disconnected (vs before)',
        product: `${mb(p.rssReturned)}`,
        baseline: `${mb(b.rssReturned)}`,
      },
      {
        metric: 'time to connect all',
        product: `${(p.connectMs / 1000).toFixed(1)} s`,
        baseline: `${(b.connectMs / 1000).toFixed(1)} s`,
        ratio: ratio(p.connectMs, b.connectMs),
      },
      {
        metric: `heap kept per abruptly closed socket (${s.abrupt})`,
        product: kb(p.heapRetainedPerAbrupt),
        baseline: kb(b.heapRetainedPerAbrupt),
      },
    ],
    details: out,
  };
}

export const benchmark: Benchmark = {
  name: 'connections',
  description: 'idle authenticated sockets in 4 groups each: memory per connection, product vs bare Socket.IO',
  usersNeeded: (opts) => scale(opts).users,
  run,
};
