'use strict';
/**
 * writes: messages persisted per second through the product's send path (socket message.send, acknowledged after
 * commit) against the same rows inserted with raw `pg`, at 1 and 16 concurrent senders (closed loop), with ack
 * p99; and pgbench with a one-insert script when pgbench is installed. synchronous_commit stays on. Then the same
 * 16-sender phase on the embedded default (the server's own PostgreSQL in DATA_DIR), against the same raw baseline.
 * Target: product ≥ 0.6 × raw at 16 senders.
 */
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { mkdtempSync, writeFileSync, rmSync, readFileSync, chmodSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { measuredPhase, startGenerator, noiseReasons, round, pct, ms, ratio } = require('./lib/harness');
const { cpuMeter } = require('./lib/proc');
const { ADMIN_URL } = require('./lib/db');
const { Histogram } = require('./lib/histogram');
const { api, createGroup, createThread, addMembers, pool: inParallel, PASSWORD } = require('./lib/workspace');
const { startTarget, connectClients } = require('./lib/socket-bench');
const { startProduct } = require('./lib/processes');

const run$ = promisify(execFile);
const TARGET_RATIO = 0.6;
const SENDERS = 16;

const scale = (opts) => (opts.quick ? { durationMs: 2000 } : { durationMs: 4000 });

async function pgbenchAvailable() {
  try {
    await run$('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function pgbench(dbName, clients, durationS, row) {
  const dir = mkdtempSync(join(tmpdir(), 'tansiq-pgbench-'));
  const script = join(dir, 'insert.sql');
  writeFileSync(
    script,
    `\\set n random(2000000000, 9000000000)\n` +
      `INSERT INTO messages (thread_id, group_id, seq, author_id, parent_id, body, body_html, mentions) ` +
      `VALUES ('${row.threadId}', '${row.groupId}', :n, '${row.authorId}', NULL, 'b pgbench :n', '<p>b pgbench :n</p>', '{}');\n`,
  );
  const admin = new URL(ADMIN_URL);
  try {
    const { stdout } = await run$(
      'pgbench',
      [
        '-n',
        '-f',
        script,
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        String(durationS),
        '-h',
        admin.hostname,
        '-p',
        admin.port || '5432',
        '-U',
        admin.username || 'postgres',
        dbName,
      ],
      { timeout: (durationS + 30) * 1000 },
    );
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    return { tps, latencyAvgMs: latency, output: stdout.trim().split('\n').slice(-6).join(' | ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The embedded PostgreSQL's processes (postmaster and its children): the database's share of the CPU. */
function embeddedPostgresPids(dataDir) {
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(' ');
    return [postmaster, ...children.filter(Boolean).map(Number)];
  } catch {
    return [];
  }
}

/**
 * The embedded default (`npm start` with no DATABASE_URL: the server runs its own PostgreSQL in DATA_DIR, fsync on)
 * at 16 senders in their own groups, with users registered in it for the run.
 */
async function embeddedPhase(ctx, s, kind) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-bench-embedded-'));
  chmodSync(dataDir, 0o755); // reachable by the postgres account when the bench runs as root
  const server = await startProduct({ databaseUrl: '', label: 'product-embedded', env: { DATA_DIR: dataDir } });
  try {
    const register = async (i) => {
      const body = await api(server.url, 'POST', '/api/auth/register', null, {
        email: `bench-embedded-${i}@bench.example`,
        password: PASSWORD,
        displayName: `Bench User ${i}`,
      });
      return { id: body.user.id, token: body.accessToken };
    };
    const admin = await register(0); // the first account is the workspace admin
    const users = await inParallel(
      [...Array(SENDERS).keys()].map((i) => i + 1),
      4,
      register,
    );
    const groupIds = await inParallel([...Array(SENDERS).keys()], 4, (g) =>
      createGroup(server.url, admin.token, `Embedded ${g}`),
    );
    const threadIds = await inParallel(groupIds, 4, (id) => createThread(server.url, admin.token, id));
    await addMembers(
      server.url,
      admin.token,
      users.map((u, k) => ({ groupId: groupIds[k], userId: u.id })),
      'adding members',
    );
    const specs = users.map((u, k) => ({ url: server.url, auth: { token: u.token }, groups: [k] }));
    const own = users.map((_, k) => ({ client: k, threadId: threadIds[k], group: k }));
    const generator = await connectClients(ctx.log, specs, own, { kind, label: 'gen-writes-embedded' });
    await generator.rpc('phase', {
      id: 600,
      durationMs: 1000,
      mode: 'closed',
      senders: own,
      drainMs: 500,
      maxMessages: 50_000,
    });
    const r = await measuredPhase(
      generator,
      {
        id: 601,
        durationMs: s.durationMs,
        mode: 'closed',
        senders: own,
        drainMs: 2000,
        maxMessages: 100_000,
        groupCount: SENDERS,
      },
      { serverPids: [server.pid], extraPids: { db: () => embeddedPostgresPids(dataDir) } },
    );
    r.perSec = r.acked / (r.windowMs / 1000);
    r.dbCpuUsPerMessage = (r.cpu.db * 1000) / r.acked;
    r.serverCpuUsPerMessage = (r.cpu.server * 1000) / r.acked;
    ctx.log(
      `embedded default, ${SENDERS} senders: ${round(r.perSec, 0)} messages/s, ack p50 ${ms(r.ackSummary.p50)} p99 ${ms(r.ackSummary.p99)}, server CPU ${pct(r.serverCpuShare)}, db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
    );
    await generator.rpc('disconnect', { clean: true });
    await generator.stop();
    return r;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(ctx) {
  const s = scale(ctx.opts);
  const kind = ctx.opts.sio ? 'sio' : 'lean';
  const users = ctx.pool.users.slice(0, SENDERS);
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('writes');
  const out = { product: {}, raw: {}, pgbench: {} };
  try {
    const server = await startTarget('product', { databaseUrl, profileDir: ctx.profileDir, label: 'product-writes' });
    const admin = ctx.pool.admin.token;
    // One group per sender, and one group all senders share (they then contend on its seq row lock).
    const groupIds = await inParallel([...Array(SENDERS + 1).keys()], 4, (g) =>
      createGroup(server.url, admin, `Writes group ${g}`),
    );
    const threadIds = await inParallel(groupIds, 4, (id) => createThread(server.url, admin, id));
    const pairs = users.flatMap((u, k) => [
      { groupId: groupIds[k], userId: u.id },
      { groupId: groupIds[SENDERS], userId: u.id },
    ]);
    await addMembers(server.url, admin, pairs, 'adding members');
    const specs = users.map((u, k) => ({ url: server.url, auth: { token: u.token }, groups: [k, SENDERS] }));
    const own = users.map((_, k) => ({ client: k, threadId: threadIds[k], group: k }));
    const shared = users.map((_, k) => ({ client: k, threadId: threadIds[SENDERS], group: SENDERS }));
    const generator = await connectClients(ctx.log, specs, [...own, shared[0]], { kind, label: 'gen-writes' });
    const productPhase = async (name, senders) => {
      // A short unmeasured run first, so the measured one starts warm.
      await generator.rpc('phase', {
        id: 500,
        durationMs: 1000,
        mode: 'closed',
        senders,
        drainMs: 500,
        maxMessages: 50_000,
      });
      const r = await measuredPhase(
        generator,
        {
          id: 501 + Object.keys(out.product).length,
          durationMs: s.durationMs,
          mode: 'closed',
          senders,
          drainMs: 2000,
          maxMessages: 100_000,
          groupCount: SENDERS + 1,
        },
        { serverPids: [server.pid], dbName },
      );
      r.perSec = r.acked / (r.windowMs / 1000);
      r.dbCpuUsPerMessage = (r.cpu.db * 1000) / r.acked;
      r.serverCpuUsPerMessage = (r.cpu.server * 1000) / r.acked;
      out.product[name] = r;
      ctx.log(
        `product, ${name}: ${round(r.perSec, 0)} messages/s, ack p50 ${ms(r.ackSummary.p50)} p99 ${ms(r.ackSummary.p99)}, server CPU ${pct(r.serverCpuShare)}, db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
      );
    };
    await productPhase('1 sender', own.slice(0, 1));
    await productPhase(`${SENDERS} senders, own groups`, own);
    await productPhase(`${SENDERS} senders, one group`, shared);
    await generator.rpc('disconnect', { clean: true });
    await generator.stop();
    await server.stop();

    // The same rows with raw pg, from a generator process too.
    const row = { threadId: threadIds[0], groupId: groupIds[0], authorId: users[0].id };
    const rawGen = startGenerator('gen-raw');
    for (const concurrency of [1, SENDERS]) {
      await rawGen.rpc('rawInserts', { databaseUrl, concurrency, durationMs: 1000, row });
      const meter = await cpuMeter({ generator: [rawGen.pid] });
      const r = await rawGen.rpc('rawInserts', { databaseUrl, concurrency, durationMs: s.durationMs, row });
      r.cpu = await meter.stop();
      r.cpu.db = r.dbCpuMs;
      r.cpu.otherMs = Math.max(0, r.cpu.otherMs - r.dbCpuMs);
      r.perSec = r.count / (r.wallMs / 1000);
      r.latencySummary = Histogram.from(r.latency).summary();
      r.generatorLoad = r.generator.cpuMs / r.generator.wallMs;
      r.dbCpuUsPerMessage = (r.cpu.db * 1000) / r.count;
      r.otherLoad = r.cpu.otherMs / r.cpu.wallMs;
      out.raw[concurrency] = r;
      ctx.log(
        `raw pg, ${concurrency} connection(s): ${round(r.perSec, 0)} inserts/s, p50 ${ms(r.latencySummary.p50)} p99 ${ms(r.latencySummary.p99)}, db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
      );
    }
    await rawGen.stop();

    if (await pgbenchAvailable()) {
      for (const clients of [1, SENDERS]) {
        out.pgbench[clients] = await pgbench(dbName, clients, Math.round(s.durationMs / 1000), row);
        ctx.log(
          `pgbench, ${clients} client(s): ${round(out.pgbench[clients].tps, 0)} tps, latency average ${ms(out.pgbench[clients].latencyAvgMs)}`,
        );
      }
    } else {
      out.pgbench = null;
      ctx.log('pgbench is not installed (postgresql-client / postgresql-contrib): skipped');
    }
    out.settings = await settings(databaseUrl);
  } finally {
    await drop();
  }
  out.embedded = await embeddedPhase(ctx, s, kind);
  return report(s, out, kind);
}

async function settings(databaseUrl) {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const get = async (name) => (await c.query(`SHOW ${name}`)).rows[0][name];
    return {
      synchronous_commit: await get('synchronous_commit'),
      fsync: await get('fsync'),
      wal_sync_method: await get('wal_sync_method'),
    };
  } finally {
    await c.end();
  }
}

function report(s, out, kind) {
  const p1 = out.product['1 sender'];
  const p16 = out.product[`${SENDERS} senders, own groups`];
  const pShared = out.product[`${SENDERS} senders, one group`];
  const r1 = out.raw[1];
  const r16 = out.raw[SENDERS];
  const ratio16 = ratio(p16.perSec, r16.perSec);
  const invalidReasons = [];
  for (const [name, r] of [
    ...Object.entries(out.product),
    ['embedded default', out.embedded],
    ...Object.entries(out.raw).map(([k, v]) => [`raw ${k}`, v]),
  ]) {
    if (r.generatorLoad > 0.9)
      invalidReasons.push(`the generator was saturated (${pct(r.generatorLoad)}) in "${name}"`);
  }
  invalidReasons.push(
    ...noiseReasons(
      [...Object.entries(out.product), ...Object.entries(out.raw).map(([k, v]) => [`raw ${k}`, v])].map(([name, r]) => [
        name,
        r.otherLoad,
      ]),
    ),
  );
  const rows = [
    {
      metric: 'messages/s, 1 sender',
      product: round(p1.perSec, 0),
      baseline: round(r1.perSec, 0),
      ratio: ratio(p1.perSec, r1.perSec),
    },
    {
      metric: `messages/s, ${SENDERS} senders (own groups)`,
      product: round(p16.perSec, 0),
      baseline: round(r16.perSec, 0),
      ratio: ratio16,
      target: `≥ ${TARGET_RATIO}`,
      met: ratio16 >= TARGET_RATIO,
    },
    {
      metric: `messages/s, ${SENDERS} senders (one shared group)`,
      product: round(pShared.perSec, 0),
      baseline: round(r16.perSec, 0),
      ratio: ratio(pShared.perSec, r16.perSec),
    },
    { metric: 'ack / insert p99, 1 sender', product: ms(p1.ackSummary.p99), baseline: ms(r1.latencySummary.p99) },
    {
      metric: `ack / insert p99, ${SENDERS} senders (own groups)`,
      product: ms(p16.ackSummary.p99),
      baseline: ms(r16.latencySummary.p99),
    },
    { metric: `ack p99, ${SENDERS} senders (one shared group)`, product: ms(pShared.ackSummary.p99), baseline: '–' },
    {
      metric: `PostgreSQL CPU µs per message, ${SENDERS} senders`,
      product: round(p16.dbCpuUsPerMessage, 0),
      baseline: round(r16.dbCpuUsPerMessage, 0),
      ratio: ratio(p16.dbCpuUsPerMessage, r16.dbCpuUsPerMessage),
    },
    {
      metric: `server CPU µs per message, ${SENDERS} senders`,
      product: round(p16.serverCpuUsPerMessage, 0),
      baseline: '–',
    },
    {
      metric: 'pgbench one-insert tps, 1 / 16 clients',
      product: '–',
      baseline: out.pgbench
        ? `${round(out.pgbench[1].tps, 0)} / ${round(out.pgbench[SENDERS].tps, 0)}`
        : 'skipped: pgbench not installed',
    },
    {
      metric: `embedded default: messages/s, ${SENDERS} senders (own groups)`,
      product: round(out.embedded.perSec, 0),
      baseline: round(r16.perSec, 0),
      ratio: ratio(out.embedded.perSec, r16.perSec),
    },
    {
      metric: `embedded default: ack p99, ${SENDERS} senders`,
      product: ms(out.embedded.ackSummary.p99),
      baseline: '–',
    },
    {
      metric: 'lost / duplicated deliveries (all phases)',
      product: `${[...Object.values(out.product), out.embedded].reduce((n, r) => n + r.lost, 0)} / ${[...Object.values(out.product), out.embedded].reduce((n, r) => n + r.duplicates, 0)}`,
    },
  ];
  const strip = ({ timeline, ...rest }) => rest;
  return {
    startedAt: new Date().toISOString(),
    scale: `closed loop, ${s.durationMs / 1000} s per phase (after 1 s warm-up); product: socket message.send acked after commit; raw: INSERT INTO messages, one row per autocommit statement; synchronous_commit=${out.settings.synchronous_commit}, fsync=${out.settings.fsync}; ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    details: {
      product: Object.fromEntries(Object.entries(out.product).map(([k, v]) => [k, strip(v)])),
      embedded: strip(out.embedded),
      raw: out.raw,
      pgbench: out.pgbench,
      settings: out.settings,
    },
  };
}

module.exports = {
  name: 'writes',
  description: 'messages persisted per second: socket send path vs raw pg inserts (and pgbench)',
  usersNeeded: () => SENDERS,
  run,
};
