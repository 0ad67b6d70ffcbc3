'use strict';
/**
 * latency: a fixed load (2,000 clients across 50 groups, ~10,000 deliveries/s), the time from the sender's emit to
 * each recipient's receipt, product vs bare Socket.IO, with the database's single-row commit p99 measured beside
 * both phases. Targets: p99 ≤ 30 ms; p99 ≤ 1.5 × bare p99 + commit p99; nothing lost or duplicated.
 */
const { measuredPhase, round, pct, ms, ratio } = require('./lib/harness');
const { Histogram } = require('./lib/histogram');
const { createGroup, createThread, addMembers, pool: inParallel } = require('./lib/workspace');
const { startTarget, bareUsers, connectClients } = require('./lib/socket-bench');
const { startCommitProbe } = require('./lib/commit-probe');

const P99_LIMIT_MS = 30;

const scale = (opts) =>
  opts.quick
    ? { users: 100, socketsPerUser: 2, groups: 10, deliveriesPerSec: 1000, durationMs: 5000 }
    : { users: 1000, socketsPerUser: 2, groups: 50, deliveriesPerSec: 10_000, durationMs: 20_000 };

async function run(ctx) {
  const s = scale(ctx.opts);
  const kind = ctx.opts.sio ? 'sio' : 'lean';
  const users = ctx.pool.users.slice(0, s.users);
  const socketsPerGroup = (s.users / s.groups) * s.socketsPerUser;
  const rate = s.deliveriesPerSec / socketsPerGroup; // messages/s in total, one sender per group
  const groupOf = (u) => u % s.groups;
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('latency');
  const out = {};
  const probes = {};
  let probe;
  try {
    let server = await startTarget('product', { databaseUrl, profileDir: ctx.profileDir, label: 'product-latency' });
    const admin = ctx.pool.admin.token;
    const groupIds = await inParallel([...Array(s.groups).keys()], 4, (g) => createGroup(server.url, admin, `Latency group ${g}`));
    const threadIds = await inParallel(groupIds, 4, (id) => createThread(server.url, admin, id));
    await addMembers(server.url, admin, users.map((u, i) => ({ groupId: groupIds[groupOf(i)], userId: u.id })), `adding ${users.length} members to ${s.groups} groups`);
    const specs = (url) =>
      users.flatMap((u, i) => Array.from({ length: s.socketsPerUser }, () => ({ url, auth: { token: u.token }, groups: [groupOf(i)] })));
    // The first socket of the first user of each group sends for it.
    const senders = groupIds.map((_, g) => ({ client: g * s.socketsPerUser, threadId: threadIds[g], group: g }));
    probe = await startCommitProbe(databaseUrl);
    const threads = Object.fromEntries(threadIds.map((t, g) => [t, groupIds[g]]));

    for (const who of ['product', 'baseline']) {
      if (who === 'baseline') {
        server = await startTarget('bare', { users: bareUsers(users, (i) => [groupOf(i)], groupIds), threads, profileDir: ctx.profileDir, label: 'bare-latency' });
      }
      const generator = await connectClients(ctx.log, specs(server.url), senders, { kind, label: `gen-${who}` });
      ctx.log(`${who}: ${rate.toFixed(0)} msg/s to ${s.groups} groups of ${socketsPerGroup} sockets for ${s.durationMs / 1000} s`);
      probe.take();
      const r = await measuredPhase(
        generator,
        { id: who === 'product' ? 301 : 302, durationMs: s.durationMs, rate, senders, maxInflight: 256, drainMs: 5000, groupCount: s.groups },
        { serverPids: [server.pid], dbName: who === 'product' ? dbName : null },
      );
      probes[who] = probe.take();
      out[who] = r;
      ctx.log(
        `${who}: ${Math.round(r.deliveriesPerSec).toLocaleString('en-US')} deliveries/s, p50 ${ms(r.latencySummary.p50)} p99 ${ms(r.latencySummary.p99)} ` +
          `p99.9 ${ms(r.latencySummary.p999)} max ${ms(r.latencySummary.max)}; lost ${r.lost}, dup ${r.duplicates}; commit p99 ${ms(probes[who].summary.p99)}; ` +
          `server CPU ${pct(r.serverCpuShare)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
      );
      await generator.rpc('disconnect', { clean: true });
      await generator.stop();
      await server.stop();
    }
  } finally {
    await probe?.stop();
    await drop();
  }
  return report(s, out, probes, rate, kind);
}

function report(s, out, probes, rate, kind) {
  const p = out.product;
  const b = out.baseline;
  const commitP99 = probes.product.summary.p99;
  const allowance = b.latencySummary.p99 * 1.5 + commitP99;
  const invalidReasons = [];
  for (const [who, r] of Object.entries(out)) {
    if (r.generatorSaturated) invalidReasons.push(`the generator was saturated (${pct(r.generatorLoad)} CPU) during the ${who} phase`);
  }
  const lat = (r) => r.latencySummary;
  const rows = [
    { metric: 'deliveries/s', product: Math.round(p.deliveriesPerSec), baseline: Math.round(b.deliveriesPerSec), ratio: ratio(p.deliveriesPerSec, b.deliveriesPerSec) },
    { metric: 'p50', product: ms(lat(p).p50), baseline: ms(lat(b).p50), ratio: ratio(lat(p).p50, lat(b).p50) },
    { metric: 'p95', product: ms(lat(p).p95), baseline: ms(lat(b).p95), ratio: ratio(lat(p).p95, lat(b).p95) },
    { metric: 'p99', product: ms(lat(p).p99), baseline: ms(lat(b).p99), ratio: ratio(lat(p).p99, lat(b).p99), target: `≤ ${P99_LIMIT_MS} ms`, met: lat(p).p99 <= P99_LIMIT_MS },
    {
      metric: 'p99 vs 1.5 × bare p99 + commit p99',
      product: ms(lat(p).p99),
      baseline: `${ms(allowance)} (1.5 × ${ms(lat(b).p99)} + ${ms(commitP99)})`,
      target: '≤ allowance',
      met: lat(p).p99 <= allowance,
    },
    { metric: 'p99.9', product: ms(lat(p).p999), baseline: ms(lat(b).p999) },
    { metric: 'max', product: ms(lat(p).max), baseline: ms(lat(b).max) },
    { metric: 'send ack p99', product: ms(p.ackSummary.p99), baseline: ms(b.ackSummary.p99) },
    { metric: 'DB commit p99 (raw pg, 1-row tx)', product: `${ms(commitP99)} (during product)`, baseline: `${ms(probes.baseline.summary.p99)} (during bare)` },
    { metric: 'lost / duplicated deliveries', product: `${p.lost} / ${p.duplicates}`, baseline: `${b.lost} / ${b.duplicates}`, target: '0 / 0', met: p.lost === 0 && p.duplicates === 0 },
    { metric: 'failed sends', product: p.ackErrors + p.ackTimeouts + p.capped, baseline: b.ackErrors + b.ackTimeouts + b.capped },
    { metric: 'server CPU µs per delivery', product: round(p.serverCpuUsPerDelivery, 1), baseline: round(b.serverCpuUsPerDelivery, 1), ratio: ratio(p.serverCpuUsPerDelivery, b.serverCpuUsPerDelivery) },
    { metric: 'server / PostgreSQL CPU', product: `${pct(p.serverCpuShare)} / ${pct(p.cpu.db / p.cpu.wallMs)}`, baseline: pct(b.serverCpuShare) },
    { metric: 'generator CPU', product: pct(p.generatorLoad), baseline: pct(b.generatorLoad), target: '≤ 90%', met: !p.generatorSaturated && !b.generatorSaturated },
    { metric: 'other processes CPU (cores)', product: round(p.cpu.otherMs / p.cpu.wallMs, 2), baseline: round(b.cpu.otherMs / b.cpu.wallMs, 2) },
  ];
  const strip = ({ timeline, ...rest }) => rest;
  return {
    startedAt: new Date().toISOString(),
    scale: `${s.users * s.socketsPerUser} sockets (${s.users} users × ${s.socketsPerUser}) in ${s.groups} groups, one sender per group, ${round(rate, 0)} msg/s → ${s.deliveriesPerSec.toLocaleString('en-US')} deliveries/s offered, ${s.durationMs / 1000} s, ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    details: { product: strip(p), baseline: strip(b), commitProbe: probes },
  };
}

module.exports = {
  name: 'latency',
  description: 'fixed load across many groups: delivery latency percentiles, product vs bare Socket.IO',
  usersNeeded: (opts) => scale(opts).users,
  run,
};
