'use strict';
/**
 * fanout: N authenticated clients in one group; a few senders post at increasing rates through the product's full
 * path (socket message.send: auth, validation, access check, persistence, change feed, room emit). Baseline: the
 * bare Socket.IO server broadcasting the same payload to the same clients. Reports deliveries/s at saturation and
 * server CPU time per delivery. Target: product ≥ 0.85 × baseline deliveries/s.
 */
const { measuredPhase, noiseReasons, round, pct, ms, ratio } = require('./lib/harness');
const { createGroup, createThread, addMembers } = require('./lib/workspace');
const { startTarget, bareUsers, connectClients } = require('./lib/socket-bench');

const TARGET_RATIO = 0.85;

const scale = (opts) =>
  opts.quick
    ? { clients: 50, senders: 2, rates: [20, 50], stepMs: 2000 }
    : { clients: 500, senders: 4, rates: [25, 50, 100, 150, 200, 300, 400, 600], stepMs: 4000 };

/** Steps up the rate until the target saturates (it delivers < 90% of what was offered, or p50 > 1 s). */
async function steps(ctx, who, server, generator, senders, s, dbName) {
  const results = [];
  let phaseId = who === 'product' ? 100 : 200;
  for (const rate of s.rates) {
    const r = await measuredPhase(
      generator,
      { id: (phaseId += 1), durationMs: s.stepMs, rate, senders, maxInflight: 64, drainMs: 4000, groupCount: 1 },
      { serverPids: [server.pid], dbName: who === 'product' ? dbName : null },
    );
    const offered = rate * s.clients;
    r.rate = rate;
    r.offeredDeliveriesPerSec = offered;
    r.saturated = r.deliveriesPerSec < 0.9 * offered || (r.latencySummary.p50 ?? 0) > 1000;
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
const peakOf = (results) =>
  results.reduce((best, r) => (!best || r.deliveriesPerSec > best.deliveriesPerSec ? r : best), null);

async function run(ctx) {
  const s = scale(ctx.opts);
  const kind = ctx.opts.sio ? 'sio' : 'lean';
  const users = ctx.pool.users.slice(0, s.clients);
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('fanout');
  const out = {};
  try {
    // The product first: it owns the ids (group, thread) that the baseline is handed too.
    let server = await startTarget('product', { databaseUrl, profileDir: ctx.profileDir, label: 'product-fanout' });
    const admin = ctx.pool.admin.token;
    const groupId = await createGroup(server.url, admin, 'Fanout group');
    const threadId = await createThread(server.url, admin, groupId);
    await addMembers(
      server.url,
      admin,
      users.map((u) => ({ groupId, userId: u.id })),
      `adding ${users.length} members`,
    );
    const specs = (url) => users.map((u) => ({ url, auth: { token: u.token }, groups: [0] }));
    const senders = Array.from({ length: s.senders }, (_, k) => ({ client: k, threadId, group: 0 }));

    for (const who of ['product', 'baseline']) {
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
  return report(s, out, kind);
}

function report(s, out, kind) {
  const p = peakOf(out.product);
  const b = peakOf(out.baseline);
  const throughputRatio = ratio(p.deliveriesPerSec, b.deliveriesPerSec);
  const invalidReasons = [];
  for (const [who, r] of [
    ['product', p],
    ['baseline', b],
  ]) {
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
  const stepRows = [
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
  const strip = (list) =>
    list.map(({ timeline, latency, ack, latencySame, latencyCross, ...rest }) => ({ ...rest, latency, ack }));
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

module.exports = {
  name: 'fanout',
  description: 'one group, rising send rate, product vs bare Socket.IO',
  usersNeeded: (opts) => scale(opts).clients,
  run,
};
