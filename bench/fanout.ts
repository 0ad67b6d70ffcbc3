/**
 * fanout: N authenticated clients in one group; a few senders post at increasing rates through the product's full
 * path (socket message.send: auth, validation, access check, persistence, change feed, room emit). Baseline: the
 * bare Socket.IO server broadcasting the same payload to the same clients. Reports deliveries/s at saturation and
 * server CPU time per delivery. Target: product ≥ 0.85 × baseline deliveries/s, judged on the median of ROUNDS
 * alternating rounds (both servers stay up; their rate-step runs alternate), unsteady when the rounds disagree.
 */
import { MeasuredPhase, measuredPhase, noiseReasons, round, pct, ms } from './lib/harness';
import { alternate, ratioRow, Round, roundLabel, valueRow } from './lib/rounds';
import type { BenchProcess, BenchServer } from './lib/processes';
import type { ClientKind, Sender } from './lib/generator-protocol';
import { createGroup, createThread, addMembers } from './lib/workspace';
import { startTarget, bareUsers, connectClients } from './lib/socket-bench';
import type { Benchmark, Cell, Context, Options } from './lib/types';

const TARGET_RATIO = 0.85;

const scale = (opts: Options) =>
  opts.quick
    ? { clients: 50, senders: 2, rates: [20, 50], stepMs: 2000 }
    : { clients: 500, senders: 4, rates: [25, 50, 100, 150, 200, 300, 400, 600], stepMs: 4000 };
type Scale = ReturnType<typeof scale>;

/** One rate step. */
type Step = MeasuredPhase & { rate: number; offeredDeliveriesPerSec: number; saturated: boolean };

type Who = 'product' | 'baseline';

/** Steps up the rate until the target saturates (it delivers < 90% of what was offered, or p50 > 1 s). */
async function steps(
  ctx: Context,
  who: Who,
  k: number,
  server: BenchServer,
  generator: BenchProcess,
  senders: Sender[],
  s: Scale,
  dbName: string,
): Promise<Step[]> {
  const results: Step[] = [];
  // A phase id the generator has not seen: a late delivery of an earlier step is then never counted in this one.
  let phaseId = (who === 'product' ? 100 : 200) + k * 20;
  for (const rate of s.rates) {
    const measured = await measuredPhase(
      generator,
      { id: (phaseId += 1), durationMs: s.stepMs, rate, senders, maxInflight: 64, drainMs: 4000, groupCount: 1 },
      { serverPids: [server.pid], dbName: who === 'product' ? dbName : null },
    );
    const offered = rate * s.clients;
    const r: Step = {
      ...measured,
      rate,
      offeredDeliveriesPerSec: offered,
      saturated: measured.deliveriesPerSec < 0.9 * offered || (measured.latencySummary.p50 ?? 0) > 1000,
    };
    results.push(r);
    ctx.log(
      `${roundLabel(k, who)} ${rate} msg/s: ${Math.round(r.deliveriesPerSec).toLocaleString('en-US')} deliveries/s (offered ${offered.toLocaleString('en-US')}), ` +
        `p50 ${ms(r.latencySummary.p50)} p99 ${ms(r.latencySummary.p99)}, server CPU ${pct(r.serverCpuShare)} ` +
        `(${round(r.serverCpuUsPerDelivery, 1)} µs/delivery), db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, ` +
        `others ${pct(r.otherLoad)}${r.lost ? `, lost ${r.lost}` : ''}${r.saturated ? ' → saturated' : ''}`,
    );
    if (r.saturated) break;
  }
  return results;
}

/** The step with the most deliveries/s: the saturation throughput. */
const peakOf = (results: Step[]): Step => {
  const [first, ...rest] = results;
  if (!first) throw new Error('no rate step was measured');
  return rest.reduce((best, r) => (r.deliveriesPerSec > best.deliveriesPerSec ? r : best), first);
};

async function run(ctx: Context) {
  const s = scale(ctx.opts);
  const kind = ctx.opts.sio ? 'sio' : 'lean';
  const users = ctx.pool.users.slice(0, s.clients);
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('fanout');
  const servers: BenchServer[] = [];
  const generators: BenchProcess[] = [];
  let rounds: FanoutRound[];
  try {
    // The product first: it owns the ids (group, thread) that the baseline is handed too.
    const product = await startTarget('product', { databaseUrl, profileDir: ctx.profileDir, label: 'product-fanout' });
    servers.push(product);
    const admin = ctx.pool.adminUser.token;
    const groupId = await createGroup(product.url, admin, 'Fanout group');
    const threadId = await createThread(product.url, admin, groupId);
    await addMembers(
      product.url,
      admin,
      users.map((u) => ({ groupId, userId: u.id })),
      `adding ${users.length} members`,
    );
    const bare = await startTarget('bare', {
      users: bareUsers(users, () => [0], [groupId]),
      threads: { [threadId]: groupId },
      profileDir: ctx.profileDir,
      label: 'bare-fanout',
    });
    servers.push(bare);
    const specs = (url: string) => users.map((u) => ({ url, auth: { token: u.token }, groups: [0] }));
    const senders = Array.from({ length: s.senders }, (_, k) => ({ client: k, threadId, group: 0 }));
    // Both servers stay up with their clients connected for the whole run; the rounds alternate the rate-step runs
    // (the idle side's sockets only exchange pings meanwhile).
    const connect = async (who: Who, server: BenchServer) => {
      const generator = await connectClients(ctx.log, specs(server.url), senders, { kind, label: `gen-${who}` });
      generators.push(generator);
      return generator;
    };
    const productGen = await connect('product', product);
    const bareGen = await connect('baseline', bare);
    rounds = await alternate(
      {
        product: (k) => steps(ctx, 'product', k, product, productGen, senders, s, dbName),
        baseline: (k) => steps(ctx, 'baseline', k, bare, bareGen, senders, s, dbName),
      },
      { log: ctx.log },
    );
    for (const generator of generators) await generator.rpc('disconnect', { clean: true });
  } finally {
    await Promise.all(generators.map((g) => g.stop()));
    await Promise.all(servers.map((server) => server.stop()));
    await drop();
  }
  return report(s, rounds, kind);
}

type FanoutRound = Round<Step[], Step[]>;

function report(s: Scale, rounds: FanoutRound[], kind: ClientKind) {
  const peaks = rounds.map((r) => ({ index: r.index, product: peakOf(r.product), baseline: peakOf(r.baseline) }));
  const invalidReasons: string[] = [];
  const noise: [string, number][] = [];
  for (const peak of peaks) {
    for (const who of ['product', 'baseline'] as const) {
      const r = peak[who];
      if (r.generatorSaturated)
        invalidReasons.push(
          `the generator was saturated (${pct(r.generatorLoad)} CPU) at the ${who}'s peak step in round ${peak.index + 1}`,
        );
      noise.push([`${roundLabel(peak.index, who)} peak step`, r.otherLoad]);
    }
  }
  invalidReasons.push(...noiseReasons(noise));
  const unsaturated = rounds.filter((r) => !r.baseline.some((x) => x.saturated)).map((r) => r.index + 1);
  if (unsaturated.length)
    invalidReasons.push(
      `the baseline never saturated within the rate steps in round(s) ${unsaturated.join(', ')}: its peak is a lower bound`,
    );
  const stepRows: Cell[][] = [
    [
      'round',
      'target',
      'msg/s offered',
      'msg/s acked',
      'deliveries/s',
      'p50',
      'p99',
      'p99.9',
      'server CPU',
      'server µs/delivery',
      'db CPU',
      'generator CPU',
      'other CPU',
      'lost',
      'dup',
    ],
  ];
  for (const round_ of rounds) {
    for (const who of round_.order) {
      for (const r of round_[who]) {
        stepRows.push([
          round_.index + 1,
          who,
          r.rate,
          round(r.ackedPerSec, 0),
          Math.round(r.deliveriesPerSec),
          ms(r.latencySummary.p50),
          ms(r.latencySummary.p99),
          ms(r.latencySummary.p999),
          pct(r.serverCpuShare),
          round(r.serverCpuUsPerDelivery, 1),
          who === 'product' ? pct(r.cpu.db / r.cpu.wallMs) : '–',
          pct(r.generatorLoad),
          pct(r.otherLoad),
          r.lost,
          r.duplicates,
        ]);
      }
    }
  }
  const strip = (list: Step[]) =>
    list.map(({ timeline: _t, latency, ack, latencySame: _s, latencyCross: _c, ...rest }) => ({
      ...rest,
      latency,
      ack,
    }));
  const maxGen = (who: Who) => Math.max(...peaks.map((p) => p[who].generatorLoad));
  return {
    startedAt: new Date().toISOString(),
    scale: `${s.clients} clients in one group, ${s.senders} senders, ${s.stepMs / 1000} s per rate step (${s.rates.join(', ')} msg/s), ${rounds.length} rounds alternating product and bare Socket.IO (both servers up throughout), ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    rounds: rounds.length,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows: [
      ratioRow('deliveries/s at saturation', peaks, (p) => [p.product.deliveriesPerSec, p.baseline.deliveriesPerSec], {
        target: `≥ ${TARGET_RATIO}`,
        test: (x) => x >= TARGET_RATIO,
        format: (v) => round(v, 0),
      }),
      ratioRow('messages/s at saturation', peaks, (p) => [p.product.ackedPerSec, p.baseline.ackedPerSec], {
        format: (v) => round(v, 0),
      }),
      ratioRow(
        'server CPU µs per delivery (at peak)',
        peaks,
        (p) => [p.product.serverCpuUsPerDelivery, p.baseline.serverCpuUsPerDelivery],
        { format: (v) => round(v, 2) },
      ),
      {
        ...valueRow('PostgreSQL CPU µs per delivery (at peak)', peaks, (p) => p.product.dbCpuUsPerDelivery),
        baseline: '–',
      },
      valueRow('p99 latency at peak', peaks, (p) => p.product.latencySummary.p99, {
        baseline: (p) => p.baseline.latencySummary.p99,
        format: ms,
      }),
      {
        metric: 'generator CPU at peak (highest round)',
        product: pct(maxGen('product')),
        baseline: pct(maxGen('baseline')),
        target: '≤ 90%',
        met: peaks.every((p) => !p.product.generatorSaturated && !p.baseline.generatorSaturated),
      },
    ],
    tables: { 'Rate steps': stepRows },
    details: {
      rounds: rounds.map((r) => ({
        index: r.index,
        order: r.order,
        product: strip(r.product),
        baseline: strip(r.baseline),
      })),
    },
  };
}

export const benchmark: Benchmark = {
  name: 'fanout',
  description: 'one group, rising send rate, product vs bare Socket.IO',
  usersNeeded: (opts) => scale(opts).clients,
  run,
};
