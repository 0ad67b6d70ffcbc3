/**
 * nodes: two product nodes sharing PostgreSQL and Redis (the Redis Streams adapter is on when REDIS_URL is set),
 * members split across them, against one node under the same load: the cross-node p99 penalty and CPU per delivery.
 * Then Redis is paused for 2 s mid-run (CLIENT PAUSE 2000 ALL: the shared Redis is never stopped) and the run
 * counts deliveries lost live, recovered by catch-up (`sync` over the socket), and the time to recover.
 * Targets: cross-node p99 penalty ≤ 2 ms; CPU per delivery ≤ 1.15 × one node; nothing lost after catch-up. The
 * one- and two-node phases alternate over ROUNDS rounds (node A stays up, node B is up only for two-node phases);
 * the no-Redis reference and the outage run are measured once.
 */
import { Client } from 'pg';
import Redis from 'ioredis';
import { MeasuredPhase, measuredPhase, noiseReasons, round, pct, ms, ratio } from './lib/harness';
import { alternate, median, ratioRow, Round, roundLabel, valueRow } from './lib/rounds';
import type { BenchProcess, BenchServer } from './lib/processes';
import type { ActionRecord, CatchUpResult, ClientKind, PhaseParams } from './lib/generator-protocol';
import { Histogram } from './lib/histogram';
import { pidsByName } from './lib/proc';
import { createGroup, createThread, addMembers, pool as inParallel } from './lib/workspace';
import { startTarget, connectClients } from './lib/socket-bench';
import type { Benchmark, Cell, Context, Options } from './lib/types';

const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const PENALTY_LIMIT_MS = 2;
const CPU_RATIO_LIMIT = 1.15;
const PAUSE_MS = 2000;

const scale = (opts: Options) =>
  opts.quick
    ? { users: 50, groups: 5, rate: 20, durationMs: 4000, pauseRunMs: 6000, pauseAtMs: 2000, warmMs: 1000 }
    : { users: 500, groups: 10, rate: 40, durationMs: 6000, pauseRunMs: 8000, pauseAtMs: 2500, warmMs: 1500 };
type Scale = ReturnType<typeof scale>;

async function lastSeqs(databaseUrl: string, groupIds: string[]): Promise<number[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; last_seq: string }>(
      'SELECT id, last_seq FROM working_groups WHERE id = ANY($1::uuid[])',
      [groupIds],
    );
    const byId = new Map(rows.map((r) => [r.id, Number(r.last_seq)]));
    return groupIds.map((id) => byId.get(id) ?? 0);
  } finally {
    await client.end();
  }
}

async function forgetRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  try {
    let removed = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length) removed += await redis.del(...keys);
    }
    return removed;
  } finally {
    redis.disconnect();
  }
}

async function run(ctx: Context) {
  const s = scale(ctx.opts);
  const kind = ctx.opts.sio ? 'sio' : 'lean';
  const users = ctx.pool.users.slice(0, s.users);
  const groupOf = (i: number) => i % s.groups;
  const redisPrefix = `tansiqbench${ctx.runId}:`;
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('nodes');
  const phases: Record<string, MeasuredPhase> = {};
  let nodes: BenchServer[] = [];
  let catchUp: CatchUpResult | undefined;
  let rounds: NodesRound[];
  let nodeB: BenchServer | null = null;
  try {
    // One node without Redis first: what the adapter itself costs on one node (for reference).
    const solo = await startTarget('product', { databaseUrl, label: 'product-noredis' });
    const admin = ctx.pool.adminUser.token;
    const groupIds = await inParallel([...Array(s.groups).keys()], 4, (g) =>
      createGroup(solo.url, admin, `Nodes group ${g}`),
    );
    const threadIds = await inParallel(groupIds, 4, (id) => createThread(solo.url, admin, id));
    await addMembers(
      solo.url,
      admin,
      users.map((u, i) => ({ groupId: groupIds[groupOf(i)], userId: u.id })),
      `adding ${users.length} members`,
    );
    // The first user of each group sends for it; users alternate between nodes, so half the senders are on each.
    const senders = groupIds.map((_, g) => ({ client: g, threadId: threadIds[g], group: g }));
    // Node of user i: members of a group alternate between nodes, and so do the groups' senders (user g of group g).
    const nodeOf = (i: number, n: number) => (groupOf(i) + Math.floor(i / s.groups)) % n;
    const specs = (urls: string[]) =>
      users.map((u, i) => ({
        url: urls[nodeOf(i, urls.length)],
        tag: nodeOf(i, urls.length),
        auth: { token: u.token },
        groups: [groupOf(i)],
      }));
    const redisPids = pidsByName('redis-server');

    /** Connects the clients to `targets`, warms up and measures a phase; the generator stays connected. */
    const phase = async (
      name: string,
      targets: BenchServer[],
      extra: Partial<PhaseParams> = {},
    ): Promise<BenchProcess> => {
      const generator = await connectClients(ctx.log, specs(targets.map((t) => t.url)), senders, {
        kind,
        label: `gen-${name}`,
      });
      await generator.rpc('phase', {
        id: 399,
        durationMs: s.warmMs,
        rate: s.rate,
        senders,
        maxInflight: 256,
        drainMs: 2000,
        groupCount: s.groups,
      });
      const r = await measuredPhase(
        generator,
        {
          id: 400 + Object.keys(phases).length,
          durationMs: s.durationMs,
          rate: s.rate,
          senders,
          maxInflight: 256,
          drainMs: 5000,
          groupCount: s.groups,
          tagged: targets.length > 1,
          ...extra,
        },
        { serverPids: targets.map((t) => t.pid), dbName, extraPids: { redis: redisPids } },
      );
      phases[name] = r;
      const lat = r.latencySummary;
      ctx.log(
        `${name}: ${Math.round(r.deliveriesPerSec).toLocaleString('en-US')} deliveries/s, p50 ${ms(lat.p50)} p99 ${ms(lat.p99)} max ${ms(lat.max)}, ` +
          `${round(r.serverCpuUsPerDelivery, 1)} µs node CPU/delivery, lost ${r.lost}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}` +
          (r.latencyCross
            ? `; same-node p99 ${ms(Histogram.from(r.latencySame).summary().p99)}, cross-node p99 ${ms(Histogram.from(r.latencyCross).summary().p99)}`
            : ''),
      );
      return generator;
    };

    let generator = await phase('one node, no Redis', [solo]);
    await generator.rpc('disconnect', { clean: true });
    await generator.stop();
    await solo.stop();

    const startNode = (label: string) =>
      startTarget('product', { databaseUrl, redisUrl: REDIS_URL, redisPrefix, label, profileDir: ctx.profileDir });
    nodes = [await startNode('product-node-a')];
    // The rounds: node A stays up throughout; node B is up only for the two-node phases (started when one needs it,
    // stopped before each one-node phase: an idle second node would read every broadcast from the stream meanwhile),
    // so it is started twice in three rounds and the last round leaves it up for the outage run.
    const measureWith = async (name: string, targets: BenchServer[]) => {
      const g = await phase(name, targets);
      await g.rpc('disconnect', { clean: true });
      await g.stop();
      return phases[name];
    };
    rounds = await alternate(
      {
        baseline: async (k) => {
          if (nodeB) await nodeB.stop();
          nodeB = null;
          return measureWith(roundLabel(k, 'one node + Redis'), nodes);
        },
        product: async (k) => {
          nodeB ??= await startNode('product-node-b');
          return measureWith(roundLabel(k, 'two nodes + Redis'), [...nodes, nodeB]);
        },
      },
      { log: ctx.log },
    );

    nodes.push(nodeB ?? (await startNode('product-node-b')));
    nodeB = null;
    const seqsBefore = await lastSeqs(databaseUrl, groupIds);
    ctx.log(
      `two nodes: pausing Redis for ${PAUSE_MS} ms at ${s.pauseAtMs / 1000} s into a ${s.pauseRunMs / 1000} s run`,
    );
    const pauseEndMs = s.pauseAtMs + PAUSE_MS;
    generator = await phase('two nodes, Redis paused 2 s', nodes, {
      durationMs: s.pauseRunMs,
      drainMs: 10_000,
      actions: [
        { atMs: s.pauseAtMs, cmd: 'redis-cli', args: ['-u', REDIS_URL, 'CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL'] },
      ],
      markAtMs: pauseEndMs,
    });
    catchUp = await generator.rpc<CatchUpResult>('catchUp', { groupIds, afterByGroup: seqsBefore });
    ctx.log(
      `catch-up: ${catchUp.recovered} deliveries recovered by sync, ${catchUp.stillMissing} still missing, ${catchUp.requests} sync calls in ${ms(catchUp.ms)}`,
    );
    await generator.rpc('disconnect', { clean: true });
    await generator.stop();
  } finally {
    await Promise.all([...nodes, ...(nodeB ? [nodeB] : [])].map((n) => n.stop()));
    await drop();
    await forgetRedisKeys(redisPrefix).catch((e: Error) =>
      ctx.log(`could not remove Redis keys ${redisPrefix}*: ${e.message}`),
    );
  }
  return report(s, phases, rounds, catchUp, kind);
}

/** One round: the two-node phase (product) and the one-node phase (baseline), both with Redis. */
type NodesRound = Round<MeasuredPhase, MeasuredPhase>;

function report(
  s: Scale,
  phases: Record<string, MeasuredPhase>,
  rounds: NodesRound[],
  catchUp: CatchUpResult | undefined,
  kind: ClientKind,
) {
  const solo = phases['one node, no Redis'];
  const pause = phases['two nodes, Redis paused 2 s'];
  const p99 = (r: MeasuredPhase) => r.latencySummary.p99;
  const cross = (r: NodesRound) => Histogram.from(r.product.latencyCross).summary();
  const same = (r: NodesRound) => Histogram.from(r.product.latencySame).summary();
  // Judged within the two-node phase (cross-node vs same-node deliveries, same sockets, same seconds): robust to
  // whatever else the machine does. Against the one-node phase (other seconds) it is shown as well.
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  // A difference sits near zero: its rounds are compared relative to the cross-node p99 it is part of.
  const crossMedian = median(rounds.map((r) => cross(r).p99).filter((v): v is number => v !== null));
  const oneCpu = median(rounds.map((r) => r.baseline.serverCpuUsPerDelivery).filter((v): v is number => v !== null));
  const oneP99 = median(rounds.map((r) => p99(r.baseline)).filter((v): v is number => v !== null));
  const pauseAction: Partial<ActionRecord> = pause.actions[0] ?? {};
  const invalidReasons: string[] = [];
  for (const [name, r] of Object.entries(phases))
    if (r.generatorSaturated) invalidReasons.push(`the generator was saturated (${pct(r.generatorLoad)}) in "${name}"`);
  invalidReasons.push(
    ...noiseReasons(Object.entries(phases).map(([name, r]): [string, number] => [name, r.otherLoad])),
  );
  const noCross = rounds.filter((r) => cross(r).n === 0).map((r) => r.index + 1);
  if (noCross.length)
    invalidReasons.push(`no cross-node delivery was recorded in the two-node phase of round(s) ${noCross.join(', ')}`);
  if (pauseAction.error) invalidReasons.push(`redis-cli CLIENT PAUSE failed: ${pauseAction.error}`);
  const lostAfterCatchUp = catchUp ? catchUp.stillMissing : null;
  const phaseRows: Cell[][] = [
    [
      'phase',
      'deliveries/s',
      'p50',
      'p99',
      'p99.9',
      'max',
      'node CPU µs/delivery',
      'PostgreSQL CPU µs/delivery',
      'Redis CPU',
      'lost live',
      'dup',
      'generator CPU',
      'other CPU',
    ],
  ];
  for (const [name, r] of Object.entries(phases)) {
    const l = r.latencySummary;
    phaseRows.push([
      name,
      Math.round(r.deliveriesPerSec),
      ms(l.p50),
      ms(l.p99),
      ms(l.p999),
      ms(l.max),
      round(r.serverCpuUsPerDelivery, 1),
      round(r.dbCpuUsPerDelivery, 1),
      pct(r.cpu.redis / r.cpu.wallMs),
      r.lost,
      r.duplicates,
      pct(r.generatorLoad),
      pct(r.otherLoad),
    ]);
  }
  const strip = ({ timeline: _timeline, ...rest }: MeasuredPhase) => rest;
  return {
    startedAt: new Date().toISOString(),
    scale: `${s.users} sockets in ${s.groups} groups (one sender each, alternating nodes), ${s.rate} msg/s → ${(s.rate * (s.users / s.groups)).toLocaleString('en-US')} deliveries/s, ${s.durationMs / 1000} s per phase after ${s.warmMs / 1000} s unmeasured; ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rounds: rounds.length,
    rows: [
      valueRow('p99, one node + Redis', rounds, (r) => p99(r.baseline), { format: ms }),
      {
        metric: 'p99, two nodes: same-node / cross-node deliveries (median)',
        product: `${ms(median(rounds.map((r) => same(r).p99 ?? NaN)))} / ${ms(crossMedian)}`,
      },
      valueRow(
        'cross-node p99 penalty (cross-node − same-node p99, two-node phase)',
        rounds,
        (r) => diff(cross(r).p99, same(r).p99),
        {
          target: `≤ ${PENALTY_LIMIT_MS} ms`,
          test: (x) => x <= PENALTY_LIMIT_MS,
          relativeTo: crossMedian,
          format: ms,
        },
      ),
      valueRow('cross-node p99 − one-node p99 (separate phases)', rounds, (r) => diff(cross(r).p99, p99(r.baseline)), {
        relativeTo: crossMedian,
        format: ms,
      }),
      ratioRow(
        'node CPU µs per delivery, two nodes vs one',
        rounds,
        (r) => [r.product.serverCpuUsPerDelivery, r.baseline.serverCpuUsPerDelivery],
        { target: `≤ ${CPU_RATIO_LIMIT}×`, test: (x) => x <= CPU_RATIO_LIMIT, format: (v) => round(v, 1) },
      ),
      {
        metric: 'Redis adapter on one node: p99 / CPU µs per delivery (median of the rounds vs one measurement)',
        product: `${ms(oneP99)} / ${round(oneCpu, 1)}`,
        baseline: `${ms(p99(solo))} / ${round(solo.serverCpuUsPerDelivery, 1)} (no Redis)`,
        ratio: ratio(oneCpu, solo.serverCpuUsPerDelivery),
      },
      { metric: 'Redis paused 2 s: deliveries lost live', product: pause.lost },
      { metric: 'recovered by catch-up (sync)', product: catchUp?.recovered ?? '–' },
      { metric: 'lost after catch-up', product: lostAfterCatchUp ?? '–', target: '0', met: lostAfterCatchUp === 0 },
      {
        metric: 'time to recover (pause end → last delayed delivery)',
        product: pause.markDrainedAfterMs === null ? '–' : ms(Math.max(0, pause.markDrainedAfterMs)),
      },
      { metric: 'max delivery latency during the outage run', product: ms(pause.latencySummary.max) },
      { metric: 'catch-up time (all clients)', product: catchUp ? ms(catchUp.ms) : '–' },
    ],
    tables: { Phases: phaseRows },
    notes: [
      `CLIENT PAUSE ran ${pauseAction.startedAt ? `${(pauseAction.startedAt / 1000).toFixed(2)} s` : '?'} into the run; sends acknowledged during it: ${pause.acked} of ${pause.sent}; failed sends ${pause.ackErrors + pause.ackTimeouts}.`,
    ],
    details: {
      phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, k.includes('paused') ? v : strip(v)])),
      catchUp,
    },
  };
}

export const benchmark: Benchmark = {
  name: 'nodes',
  description: 'two product nodes over Redis vs one node; Redis paused 2 s mid-run',
  usersNeeded: (opts) => scale(opts).users,
  run,
};
