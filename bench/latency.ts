/**
 * latency: a fixed load (2,000 clients across 50 groups, ~10,000 deliveries/s), the time from the sender's emit to
 * each recipient's receipt, product vs bare Socket.IO, with the database's single-row commit p99 measured beside
 * both phases. Targets: p99 ≤ 30 ms; p99 ≤ 1.5 × bare p99 + commit p99; nothing lost or duplicated. Each figure is
 * the median of ROUNDS alternating rounds (both servers up throughout, their phases alternating), unsteady when the
 * rounds disagree by more than 15%.
 */
import { MeasuredPhase, measuredPhase, noiseReasons, round, pct, ms } from './lib/harness';
import { alternate, figure, ratioFigure, ratioRow, Round, roundLabel, valueRow } from './lib/rounds';
import type { BenchProcess, BenchServer } from './lib/processes';
import type { ClientKind } from './lib/generator-protocol';
import type { CommitProbe, ProbeTake } from './lib/commit-probe';
import { createGroup, createThread, addMembers, pool as inParallel } from './lib/workspace';
import { startTarget, bareUsers, connectClients } from './lib/socket-bench';
import type { Benchmark, Cell, Context, Options, Row } from './lib/types';
import { startCommitProbe } from './lib/commit-probe';
import { histogramDelta, histogramQuantile, scrapeHistogram } from './lib/metrics-scrape';

const P99_LIMIT_MS = 30;
/** The server's delivery-lag histogram must tell the same p99 as the clients' own commit → receipt, within this. */
const METRIC_AGREEMENT = 0.2;
const DELIVERY_LAG = 'tansiq_delivery_lag_seconds';

const scale = (opts: Options) =>
  opts.quick
    ? { users: 100, socketsPerUser: 2, groups: 10, deliveriesPerSec: 1000, durationMs: 5000, warmMs: 1000 }
    : { users: 1000, socketsPerUser: 2, groups: 50, deliveriesPerSec: 10_000, durationMs: 8000, warmMs: 2000 };
type Scale = ReturnType<typeof scale>;

/**
 * A measured phase with the commit probe's figures for the same seconds and, for the product, the p99 of its own
 * delivery-lag metric over the phase (ms, from /metrics scraped before and after).
 */
type LatencyPhase = MeasuredPhase & { probe: ProbeTake; rate: number; metricLagP99: number | null };
type Who = 'product' | 'baseline';
type Level = 'full' | 'half';
/** One round: each side's phases at both loads. */
type LatencyRound = Round<Record<Level, LatencyPhase>, Record<Level, LatencyPhase>>;

async function run(ctx: Context) {
  const s = scale(ctx.opts);
  const kind = ctx.opts.sio ? 'sio' : 'lean';
  const users = ctx.pool.users.slice(0, s.users);
  const socketsPerGroup = (s.users / s.groups) * s.socketsPerUser;
  const rate = s.deliveriesPerSec / socketsPerGroup; // messages/s in total, one sender per group
  const groupOf = (u: number) => u % s.groups;
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('latency');
  const servers: BenchServer[] = [];
  const generators: BenchProcess[] = [];
  let probe: CommitProbe | undefined;
  let rounds: LatencyRound[];
  try {
    const product = await startTarget('product', { databaseUrl, profileDir: ctx.profileDir, label: 'product-latency' });
    servers.push(product);
    const admin = ctx.pool.adminUser.token;
    const groupIds = await inParallel([...Array(s.groups).keys()], 4, (g) =>
      createGroup(product.url, admin, `Latency group ${g}`),
    );
    const threadIds = await inParallel(groupIds, 4, (id) => createThread(product.url, admin, id));
    await addMembers(
      product.url,
      admin,
      users.map((u, i) => ({ groupId: groupIds[groupOf(i)], userId: u.id })),
      `adding ${users.length} members to ${s.groups} groups`,
    );
    const specs = (url: string) =>
      users.flatMap((u, i) =>
        Array.from({ length: s.socketsPerUser }, () => ({ url, auth: { token: u.token }, groups: [groupOf(i)] })),
      );
    // The first socket of the first user of each group sends for it.
    const senders = groupIds.map((_, g) => ({ client: g * s.socketsPerUser, threadId: threadIds[g], group: g }));
    const commitProbe = await startCommitProbe(databaseUrl);
    probe = commitProbe;
    const threads = Object.fromEntries(threadIds.map((t, g) => [t, groupIds[g]]));
    const bare = await startTarget('bare', {
      users: bareUsers(users, (i) => [groupOf(i)], groupIds),
      threads,
      profileDir: ctx.profileDir,
      label: 'bare-latency',
    });
    servers.push(bare);

    // Both servers stay up with their clients connected; the rounds alternate their measured phases.
    const connect = async (who: Who, server: BenchServer) => {
      const generator = await connectClients(ctx.log, specs(server.url), senders, { kind, label: `gen-${who}` });
      generators.push(generator);
      // Unmeasured: the JIT and the connection pools warm up at the load first.
      await generator.rpc('phase', {
        id: 300,
        durationMs: s.warmMs,
        rate,
        senders,
        maxInflight: 256,
        drainMs: 2000,
        groupCount: s.groups,
      });
      return generator;
    };
    const productGen = await connect('product', product);
    const bareGen = await connect('baseline', bare);

    /** One side's round: half load, then the load. */
    const measure = async (who: Who, k: number, server: BenchServer, generator: BenchProcess) => {
      const levels: Partial<Record<Level, LatencyPhase>> = {};
      // The load, then half of it: if the product cannot keep up with the first, the second still says
      // what its latency is when it can.
      // Half first, on a clean system; a saturated phase leaves a backlog that the long drain lets finish.
      for (const [level, levelRate] of [
        ['half', rate / 2],
        ['full', rate],
      ] as const) {
        ctx.log(
          `${roundLabel(k, who)}: ${levelRate.toFixed(0)} msg/s to ${s.groups} groups of ${socketsPerGroup} sockets for ${s.durationMs / 1000} s`,
        );
        commitProbe.take();
        const lagBefore = who === 'product' ? await scrapeHistogram(server.url, DELIVERY_LAG) : null;
        const measured = await measuredPhase(
          generator,
          {
            id: 310 + k * 10 + (level === 'full' ? 1 : 2),
            durationMs: s.durationMs,
            rate: levelRate,
            senders,
            maxInflight: 256,
            drainMs: 30_000,
            groupCount: s.groups,
          },
          { serverPids: [server.pid], dbName: who === 'product' ? dbName : null },
        );
        const lagP99 = lagBefore
          ? histogramQuantile(0.99, histogramDelta(await scrapeHistogram(server.url, DELIVERY_LAG), lagBefore))
          : null;
        const r: LatencyPhase = {
          ...measured,
          probe: commitProbe.take(),
          rate: levelRate,
          metricLagP99: lagP99 === null ? null : lagP99 * 1000,
        };
        levels[level] = r;
        ctx.log(
          `${roundLabel(k, who)}: ${Math.round(r.deliveriesPerSec).toLocaleString('en-US')} deliveries/s, p50 ${ms(r.latencySummary.p50)} p99 ${ms(r.latencySummary.p99)} ` +
            `p99.9 ${ms(r.latencySummary.p999)} max ${ms(r.latencySummary.max)}; lost ${r.lost}, dup ${r.duplicates}; commit p99 ${ms(r.probe.summary.p99)}; ` +
            `server CPU ${pct(r.serverCpuShare)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
        );
      }
      if (!levels.full || !levels.half) throw new Error('a phase was not measured');
      return { full: levels.full, half: levels.half };
    };
    rounds = await alternate(
      {
        product: (k) => measure('product', k, product, productGen),
        baseline: (k) => measure('baseline', k, bare, bareGen),
      },
      { log: ctx.log },
    );
    for (const generator of generators) await generator.rpc('disconnect', { clean: true });
  } finally {
    await Promise.all(generators.map((g) => g.stop()));
    await Promise.all(servers.map((server) => server.stop()));
    await probe?.stop();
    await drop();
  }
  return report(s, rounds, rate, kind);
}

/** Within 20%: the metric over the clients' own figure, per round. */
const agrees = (x: number) => Math.abs(x - 1) <= METRIC_AGREEMENT;

/** Target rows for one load level over the rounds; the targets are judged at the load (`full`). */
function levelRows(level: Level, rounds: LatencyRound[], judged: boolean): Row[] {
  const at = (r: LatencyRound) => ({ p: r.product[level], b: r.baseline[level] });
  const allowance = (r: LatencyRound) => {
    const { p, b } = at(r);
    return (b.latencySummary.p99 ?? 0) * 1.5 + (p.probe.summary.p99 ?? 0);
  };
  const name = (m: string) => `${m} (${level} load)`;
  const medianOf = (values: (number | null)[]) => figure(values).median;
  const p99Ratio = ratioFigure(rounds.map((r) => [at(r).p.latencySummary.p99, at(r).b.latencySummary.p99]));
  const lost = rounds.reduce((n, r) => n + at(r).p.lost, 0);
  const dup = rounds.reduce((n, r) => n + at(r).p.duplicates, 0);
  const worst = (who: 'p' | 'b') => Math.max(...rounds.map((r) => at(r)[who].latencySummary.max ?? 0));
  return [
    ratioRow(name('deliveries/s'), rounds, (r) => [at(r).p.deliveriesPerSec, at(r).b.deliveriesPerSec], {
      format: (v) => round(v, 0),
    }),
    ratioRow(name('p50'), rounds, (r) => [at(r).p.latencySummary.p50, at(r).b.latencySummary.p50], { format: ms }),
    {
      ...valueRow(name('p99'), rounds, (r) => at(r).p.latencySummary.p99, {
        baseline: (r) => at(r).b.latencySummary.p99,
        target: judged ? `≤ ${P99_LIMIT_MS} ms` : '',
        test: judged ? (x) => x <= P99_LIMIT_MS : undefined,
        format: ms,
      }),
      ratio: round(p99Ratio.median, 2),
    },
    ratioRow(name('p99 / (1.5 × bare p99 + commit p99)'), rounds, (r) => [at(r).p.latencySummary.p99, allowance(r)], {
      target: judged ? '≤ 1 (the allowance)' : '',
      test: judged ? (x) => x <= 1 : undefined,
      format: ms,
    }),
    ratioRow(
      name('delivery lag p99: /metrics vs clients (commit → receipt)'),
      rounds,
      (r) => [at(r).p.metricLagP99, at(r).p.commitLagSummary.p99],
      { target: judged ? `within ${METRIC_AGREEMENT * 100}%` : '', test: judged ? agrees : undefined, format: ms },
    ),
    {
      metric: name('p99.9 (median) / max (worst round)'),
      product: `${ms(medianOf(rounds.map((r) => at(r).p.latencySummary.p999)))} / ${ms(worst('p'))}`,
      baseline: `${ms(medianOf(rounds.map((r) => at(r).b.latencySummary.p999)))} / ${ms(worst('b'))}`,
    },
    {
      metric: name(`lost / duplicated deliveries (all ${rounds.length} rounds)`),
      product: `${lost} / ${dup}`,
      baseline: `${rounds.reduce((n, r) => n + at(r).b.lost, 0)} / ${rounds.reduce((n, r) => n + at(r).b.duplicates, 0)}`,
      target: judged ? '0 / 0' : '',
      met: judged ? lost === 0 && dup === 0 : null,
    },
  ];
}

function report(s: Scale, rounds: LatencyRound[], rate: number, kind: ClientKind) {
  const invalidReasons: string[] = [];
  const phases: [string, LatencyPhase][] = [];
  for (const r of rounds) {
    for (const who of r.order) {
      for (const level of ['half', 'full'] as const) {
        const phase = r[who][level];
        const name = `${roundLabel(r.index, who)} at ${level} load`;
        phases.push([name, phase]);
        if (phase.generatorSaturated)
          invalidReasons.push(`the generator was saturated (${pct(phase.generatorLoad)} CPU) during ${name}`);
      }
    }
  }
  invalidReasons.push(...noiseReasons(phases.map(([name, r]): [string, number] => [name, r.otherLoad])));
  const detail: Cell[][] = [
    [
      'phase',
      'msg/s',
      'deliveries/s',
      'p50',
      'p95',
      'p99',
      'p99.9',
      'max',
      'ack p99',
      'commit p99',
      'lost',
      'dup',
      'failed sends',
      'server CPU',
      'server µs/delivery',
      'PostgreSQL CPU',
      'generator CPU',
      'other CPU',
    ],
  ];
  for (const [name, r] of phases) {
    const l = r.latencySummary;
    detail.push([
      name,
      round(r.rate, 0),
      Math.round(r.deliveriesPerSec),
      ms(l.p50),
      ms(l.p95),
      ms(l.p99),
      ms(l.p999),
      ms(l.max),
      ms(r.ackSummary.p99),
      ms(r.probe.summary.p99),
      r.lost,
      r.duplicates,
      r.ackErrors + r.ackTimeouts + r.capped,
      pct(r.serverCpuShare),
      round(r.serverCpuUsPerDelivery, 1),
      pct(r.cpu.db / r.cpu.wallMs),
      pct(r.generatorLoad),
      pct(r.otherLoad),
    ]);
  }
  const saturated = (r: LatencyRound) => r.product.full.generatorSaturated || r.baseline.full.generatorSaturated;
  const maxGen = (who: Who) => Math.max(...rounds.map((r) => r[who].full.generatorLoad));
  const rows: Row[] = [
    ...levelRows('full', rounds, true),
    ...levelRows('half', rounds, false).filter((r) => !r.metric.startsWith('p99.9')),
    ratioRow(
      'server CPU µs per delivery (full load)',
      rounds,
      (r) => [r.product.full.serverCpuUsPerDelivery, r.baseline.full.serverCpuUsPerDelivery],
      { format: (v) => round(v, 1) },
    ),
    {
      metric: 'generator CPU (full load, highest round)',
      product: pct(maxGen('product')),
      baseline: pct(maxGen('baseline')),
      target: '≤ 90%',
      met: !rounds.some(saturated),
    },
  ];
  const strip = ({ timeline: _timeline, ...rest }: LatencyPhase) => rest;
  return {
    startedAt: new Date().toISOString(),
    scale: `${s.users * s.socketsPerUser} sockets (${s.users} users × ${s.socketsPerUser}) in ${s.groups} groups, one sender per group; full load ${round(rate, 0)} msg/s → ${s.deliveriesPerSec.toLocaleString('en-US')} deliveries/s offered, half load ${round(rate / 2, 0)} msg/s; ${s.durationMs / 1000} s each after ${s.warmMs / 1000} s unmeasured warm-up; ${rounds.length} rounds alternating product and bare Socket.IO (both servers up throughout); commit p99 from raw pg 1-row transactions during each phase; ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    rounds: rounds.length,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    tables: { Phases: detail },
    details: Object.fromEntries(phases.map(([name, r]) => [name, strip(r)])),
  };
}

export const benchmark: Benchmark = {
  name: 'latency',
  description: 'fixed load across many groups: delivery latency percentiles, product vs bare Socket.IO',
  usersNeeded: (opts) => scale(opts).users,
  run,
};
