/**
 * writes: messages persisted per second through the product's send path (socket message.send, acknowledged after
 * commit) against the same rows inserted with raw `pg`, at 1 and 16 concurrent senders (closed loop), with ack
 * p99; and pgbench with a one-insert script when pgbench is installed. synchronous_commit stays on. Then the same
 * 16-sender phase on the embedded default (the server's own PostgreSQL in DATA_DIR), against the same raw baseline.
 * Target: product ≥ 0.6 × raw at 16 senders.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MeasuredPhase, measuredPhase, startGenerator, noiseReasons, round, pct, ms, ratio } from './lib/harness';
import { CpuResult, cpuMeter } from './lib/proc';
import { ADMIN_URL } from './lib/db';
import { Histogram, LatencySummary } from './lib/histogram';
import { createGroup, createThread, addMembers, pool as inParallel, registerConfirmed } from './lib/workspace';
import { startTarget, connectClients } from './lib/socket-bench';
import { startProduct } from './lib/processes';
import { scrapeSumCount } from './lib/metrics-scrape';
import type { ClientKind, RawInsertParams, RawInsertResult, Sender } from './lib/generator-protocol';
import type { Benchmark, Context, Options, Row } from './lib/types';

const run$ = promisify(execFile);
const TARGET_RATIO = 0.6;
const SENDERS = 16;

const scale = (opts: Options) => (opts.quick ? { durationMs: 2000 } : { durationMs: 4000 });
type Scale = ReturnType<typeof scale>;

/** A product phase with its rates per acknowledged message, and its messages per commit (group commit). */
type WritePhase = MeasuredPhase & {
  perSec: number;
  dbCpuUsPerMessage: number;
  serverCpuUsPerMessage: number;
  messagesPerCommit?: number;
};

/** The product's own count of messages per commit (tansiq_messages_per_commit), read around a phase. */
const MESSAGES_PER_COMMIT = 'tansiq_messages_per_commit';

const perMessage = (r: MeasuredPhase): WritePhase => ({
  ...r,
  perSec: r.acked / (r.windowMs / 1000),
  dbCpuUsPerMessage: (r.cpu.db * 1000) / r.acked,
  serverCpuUsPerMessage: (r.cpu.server * 1000) / r.acked,
});

/** The raw `pg` baseline at one concurrency. */
type RawPhase = RawInsertResult & {
  cpu: CpuResult;
  perSec: number;
  latencySummary: LatencySummary;
  generatorLoad: number;
  dbCpuUsPerMessage: number;
  otherLoad: number;
};

interface PgbenchResult {
  tps: number;
  latencyAvgMs: number;
  output: string;
}

interface Settings {
  synchronous_commit: string;
  fsync: string;
  wal_sync_method: string;
}

interface Out {
  product: Record<string, WritePhase>;
  raw: Record<number, RawPhase>;
  pgbench: Record<number, PgbenchResult> | null;
  settings: Settings | null;
}

async function pgbenchAvailable() {
  try {
    await run$('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function pgbench(
  dbName: string,
  clients: number,
  durationS: number,
  row: RawInsertParams['row'],
): Promise<PgbenchResult> {
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
function embeddedPostgresPids(dataDir: string): number[] {
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
async function embeddedPhase(ctx: Context, s: Scale, kind: ClientKind): Promise<WritePhase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-bench-embedded-'));
  chmodSync(dataDir, 0o755); // reachable by the postgres account when the bench runs as root
  const server = await startProduct({ databaseUrl: '', label: 'product-embedded', env: { DATA_DIR: dataDir } });
  try {
    const register = (i: number) =>
      registerConfirmed(
        server.url,
        { host: join(dataDir, 'run'), user: 'postgres', database: 'tansiq' },
        { email: `bench-embedded-${i}@bench.example`, displayName: `Bench User ${i}` },
      );
    const admin = await register(0); // it creates the groups (any account may)
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
    const r = perMessage(
      await measuredPhase(
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
      ),
    );
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

async function run(ctx: Context) {
  const s = scale(ctx.opts);
  const kind = ctx.opts.sio ? 'sio' : 'lean';
  const users = ctx.pool.users.slice(0, SENDERS);
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('writes');
  const out: Out = { product: {}, raw: {}, pgbench: {}, settings: null };
  try {
    const server = await startTarget('product', { databaseUrl, profileDir: ctx.profileDir, label: 'product-writes' });
    const admin = ctx.pool.adminUser.token;
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
    const productPhase = async (name: string, senders: Sender[]) => {
      // A short unmeasured run first, so the measured one starts warm.
      await generator.rpc('phase', {
        id: 500,
        durationMs: 1000,
        mode: 'closed',
        senders,
        drainMs: 500,
        maxMessages: 50_000,
      });
      const commitsBefore = await scrapeSumCount(server.url, MESSAGES_PER_COMMIT);
      const r = perMessage(
        await measuredPhase(
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
        ),
      );
      const commitsAfter = await scrapeSumCount(server.url, MESSAGES_PER_COMMIT);
      r.messagesPerCommit = (commitsAfter.sum - commitsBefore.sum) / (commitsAfter.count - commitsBefore.count || 1);
      out.product[name] = r;
      ctx.log(
        `product, ${name}: ${round(r.perSec, 0)} messages/s, ${round(r.messagesPerCommit, 2)} per commit, ack p50 ${ms(r.ackSummary.p50)} p99 ${ms(r.ackSummary.p99)}, server CPU ${pct(r.serverCpuShare)}, db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
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
      const result = await rawGen.rpc<RawInsertResult>('rawInserts', {
        databaseUrl,
        concurrency,
        durationMs: s.durationMs,
        row,
      });
      const measured = await meter.stop();
      // The backends' CPU was read by the generator, which held their connections; it is not "other" load.
      const cpu: CpuResult = {
        ...measured,
        db: result.dbCpuMs,
        otherMs: Math.max(0, measured.otherMs - result.dbCpuMs),
      };
      const r: RawPhase = {
        ...result,
        cpu,
        perSec: result.count / (result.wallMs / 1000),
        latencySummary: Histogram.from(result.latency).summary(),
        generatorLoad: result.generator.cpuMs / result.generator.wallMs,
        dbCpuUsPerMessage: (cpu.db * 1000) / result.count,
        otherLoad: cpu.otherMs / cpu.wallMs,
      };
      out.raw[concurrency] = r;
      ctx.log(
        `raw pg, ${concurrency} connection(s): ${round(r.perSec, 0)} inserts/s, p50 ${ms(r.latencySummary.p50)} p99 ${ms(r.latencySummary.p99)}, db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
      );
    }
    await rawGen.stop();

    if (await pgbenchAvailable()) {
      const results: Record<number, PgbenchResult> = {};
      for (const clients of [1, SENDERS]) {
        const result = await pgbench(dbName, clients, Math.round(s.durationMs / 1000), row);
        results[clients] = result;
        ctx.log(
          `pgbench, ${clients} client(s): ${round(result.tps, 0)} tps, latency average ${ms(result.latencyAvgMs)}`,
        );
      }
      out.pgbench = results;
    } else {
      out.pgbench = null;
      ctx.log('pgbench is not installed (postgresql-client / postgresql-contrib): skipped');
    }
    out.settings = await settings(databaseUrl);
  } finally {
    await drop();
  }
  const embedded = await embeddedPhase(ctx, s, kind);
  return report(s, out, embedded, kind);
}

async function settings(databaseUrl: string): Promise<Settings> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const get = async (name: keyof Settings): Promise<string> =>
      (await c.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];
    return {
      synchronous_commit: await get('synchronous_commit'),
      fsync: await get('fsync'),
      wal_sync_method: await get('wal_sync_method'),
    };
  } finally {
    await c.end();
  }
}

function report(s: Scale, out: Out, embedded: WritePhase, kind: ClientKind) {
  const p1 = out.product['1 sender'];
  const p16 = out.product[`${SENDERS} senders, own groups`];
  const pShared = out.product[`${SENDERS} senders, one group`];
  const r1 = out.raw[1];
  const r16 = out.raw[SENDERS];
  const ratio16 = ratio(p16.perSec, r16.perSec);
  const invalidReasons: string[] = [];
  const raw = Object.entries(out.raw).map(([k, v]): [string, RawPhase] => [`raw ${k}`, v]);
  const loads: [string, { generatorLoad: number }][] = [
    ...Object.entries(out.product),
    ['embedded default', embedded],
    ...raw,
  ];
  for (const [name, r] of loads) {
    if (r.generatorLoad > 0.9)
      invalidReasons.push(`the generator was saturated (${pct(r.generatorLoad)}) in "${name}"`);
  }
  invalidReasons.push(
    ...noiseReasons([...Object.entries(out.product), ...raw].map(([name, r]): [string, number] => [name, r.otherLoad])),
  );
  const rows: Row[] = [
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
      met: ratio16 !== null && ratio16 >= TARGET_RATIO,
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
      metric: `messages per commit, 1 / ${SENDERS} (own groups) / ${SENDERS} (one group)`,
      product: [p1, p16, pShared].map((p) => round(p.messagesPerCommit ?? 0, 2)).join(' / '),
      baseline: '1',
    },
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
      product: round(embedded.perSec, 0),
      baseline: round(r16.perSec, 0),
      ratio: ratio(embedded.perSec, r16.perSec),
    },
    {
      metric: `embedded default: ack p99, ${SENDERS} senders`,
      product: ms(embedded.ackSummary.p99),
      baseline: '–',
    },
    {
      metric: 'lost / duplicated deliveries (all phases)',
      product: `${[...Object.values(out.product), embedded].reduce((n, r) => n + r.lost, 0)} / ${[...Object.values(out.product), embedded].reduce((n, r) => n + r.duplicates, 0)}`,
    },
  ];
  const strip = ({ timeline: _timeline, ...rest }: WritePhase) => rest;
  return {
    startedAt: new Date().toISOString(),
    scale: `closed loop, ${s.durationMs / 1000} s per phase (after 1 s warm-up); product: socket message.send acked after commit; raw: INSERT INTO messages, one row per autocommit statement; synchronous_commit=${out.settings?.synchronous_commit}, fsync=${out.settings?.fsync}; ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    details: {
      product: Object.fromEntries(Object.entries(out.product).map(([k, v]) => [k, strip(v)])),
      embedded: strip(embedded),
      raw: out.raw,
      pgbench: out.pgbench,
      settings: out.settings,
    },
  };
}

export const benchmark: Benchmark = {
  name: 'writes',
  description: 'messages persisted per second: socket send path vs raw pg inserts (and pgbench)',
  usersNeeded: () => SENDERS,
  run,
};
