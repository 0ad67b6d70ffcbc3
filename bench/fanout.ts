/**
 * fanout: N authenticated clients in one group; a few senders post at increasing rates through the product's full
 * path (socket message.send: auth, validation, access check, persistence, change feed, room emit). Baseline: the
 * bare Socket.IO server broadcasting the same payload to the same clients. Reports deliveries/s at saturation and
 * server CPU time per delivery. Target: product ≥ 0.85 × baseline deliveries/s.
 */
import { MeasuredPhase, measuredPhase, noiseReasons, round, pct, ms, ratio } from './lib/harness';
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
  server: BenchServer,
  generator: BenchProcess,
  senders: Sender[],
  s: Scale,
  dbName: string,
): Promise<Step[]> {
  const results: Step[] = [];
  let phaseId = who === 'product' ? 100 : 200;
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
      `${who} ${rate} msg/s: ${Math.round(r.deliveriesPerSec).toLocaleString('en-US')} deliveries/s (offered ${offered.toLocaleString('en-US')}), ` +
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
  const out: Partial<Record<Who, Step[]>> = {};
  try {
    // The product first: it owns the ids (group, thread) that the baseline is handed too.
    let server = await startTarget('product', { databaseUrl, profileDir: ctx.profileDir, label: 'product-fanout' });
    const admin = ctx.pool.adminUser.token;
    const groupId = await createGroup(server.url, admin, 'Fanout group');
    const threadId = await createThread(server.url, admin, groupId);
    await addMembers(
      server.url,
      admin,
      users.map((u) => ({ groupId, userId: u.id })),
      `adding ${users.length} members`,
    );
    const specs = (url: string) => users.map((u) => ({ url, auth: { token: u.token }, groups: [0] }));
    const senders = Array.from({ length: s.senders }, (_, k) => ({ client: k, threadId, group: 0 }));

    for (const who of ['product', 'baseline'] as const) {
      if (who === 'baseline') {
        server = await startTarget('bare', {
          users: bareUsers(users, () => [0], [groupId]),
          threads: { [threadId]: groupId },
          profileDir: ctx.profileDir,
          label: 'bare-fanout',
        });
      }
      const generator = await connectClients(
        ctx.log,
        specs(server.url),
        senders.map((x) => ({ ...x })),
        { kind, label: `gen-${who}` },
      );
      out[who] = await steps(ctx, who, server, generator, senders, s, dbName);
      await generator.rpc('disconnect', { clean: true });
      await generator.stop();
      await server.stop();
    }
  } finally {
    await drop();
  }
  const { product, baseline } = out;
  if (!product || !baseline) throw new Error('a target was not measured');
  return report(s, { product, baseline }, kind);
}

function report(s: Scale, out: Record<Who, Step[]>, kind: ClientKind) {
  const p = peakOf(out.product);
  const b = peakOf(out.baseline);
  const throughputRatio = ratio(p.deliveriesPerSec, b.deliveriesPerSec);
  const invalidReasons: string[] = [];
  for (const [who, r] of [
    ['product', p],
    ['baseline', b],
  ] as const) {
    if (r.generatorSaturated)
      invalidReasons.push(`the generator was saturated (${pct(r.generatorLoad)} CPU) at the ${who}'s peak step`);
  }
  invalidReasons.push(
    ...noiseReasons([
      ['the product peak step', p.otherLoad],
      ['the baseline peak step', b.otherLoad],
    ]),
  );
  const bSaturated = out.baseline.some((r) => r.saturated);
  if (!bSaturated) invalidReasons.push('the baseline never saturated within the rate steps: its peak is a lower bound');
  const stepRows: Cell[][] = [
    [
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
  for (const [who, list] of Object.entries(out)) {
    for (const r of list) {
      stepRows.push([
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
  const strip = (list: Step[]) =>
    list.map(({ timeline: _t, latency, ack, latencySame: _s, latencyCross: _c, ...rest }) => ({
      ...rest,
      latency,
      ack,
    }));
  return {
    startedAt: new Date().toISOString(),
    scale: `${s.clients} clients in one group, ${s.senders} senders, ${s.stepMs / 1000} s per rate step (${s.rates.join(', ')} msg/s), ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows: [
      {
        metric: 'deliveries/s at saturation',
        product: Math.round(p.deliveriesPerSec),
        baseline: Math.round(b.deliveriesPerSec),
        ratio: throughputRatio,
        target: `≥ ${TARGET_RATIO}`,
        met: throughputRatio !== null ? throughputRatio >= TARGET_RATIO : null,
      },
      {
        metric: 'messages/s at saturation',
        product: round(p.ackedPerSec, 0),
        baseline: round(b.ackedPerSec, 0),
        ratio: ratio(p.ackedPerSec, b.ackedPerSec),
      },
      {
        metric: 'server CPU µs per delivery (at peak)',
        product: round(p.serverCpuUsPerDelivery, 2),
        baseline: round(b.serverCpuUsPerDelivery, 2),
        ratio: ratio(p.serverCpuUsPerDelivery, b.serverCpuUsPerDelivery),
      },
      { metric: 'PostgreSQL CPU µs per delivery (at peak)', product: round(p.dbCpuUsPerDelivery, 2), baseline: '–' },
      { metric: 'p99 latency at peak', product: ms(p.latencySummary.p99), baseline: ms(b.latencySummary.p99) },
      {
        metric: 'generator CPU at peak',
        product: pct(p.generatorLoad),
        baseline: pct(b.generatorLoad),
        target: '≤ 90%',
        met: !p.generatorSaturated && !b.generatorSaturated,
      },
    ],
    tables: { 'Rate steps': stepRows },
    details: { product: strip(out.product), baseline: strip(out.baseline) },
  };
}

export const benchmark: Benchmark = {
  name: 'fanout',
  description: 'one group, rising send rate, product vs bare Socket.IO',
  usersNeeded: (opts) => scale(opts).clients,
  run,
};
