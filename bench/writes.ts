/**
 * writes: messages persisted per second through the product's send path (socket message.send, acknowledged after
 * commit) against the same rows inserted with raw `pg`, at 1 and 16 concurrent senders (closed loop), with ack
 * p99; and pgbench with a one-insert script when pgbench is installed. synchronous_commit stays on. Then the same
 * 16-sender phase on the embedded default (the server's own PostgreSQL in DATA_DIR), against the same raw baseline.
 * Target: product ≥ 0.6 × raw at 16 senders, judged on the median of ROUNDS rounds alternating the product's phases
 * with raw pg's (the product server up throughout), unsteady when the rounds disagree by more than 15%.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MeasuredPhase, measuredPhase, startGenerator, noiseReasons, round, pct, ms } from './lib/harness';
import { alternate, figure, ratioRow, Round, roundLabel, valueRow } from './lib/rounds';
import { CpuResult, cpuMeter } from './lib/proc';
import { ADMIN_URL } from './lib/db';
import { Histogram, LatencySummary } from './lib/histogram';
import { createGroup, createThread, addMembers, pool as inParallel, registerConfirmed } from './lib/workspace';
import { startTarget, connectClients } from './lib/socket-bench';
import { BenchProcess, startProduct } from './lib/processes';
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

/** A round: the product's three phases and raw pg's two. */
type WritesRound = Round<Record<'one' | 'own' | 'shared', WritePhase>, Record<'one' | 'many', RawPhase>>;

interface Out {
  rounds: WritesRound[];
  /** The embedded default against raw pg at 16 connections, alternating. */
  embedded: Round<WritePhase, RawPhase>[];
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
 * at 16 senders in their own groups, with users registered in it for the run. Started once; `measure` runs one
 * phase (its own 1 s warm-up first), so its rounds can alternate with the raw baseline's.
 */
async function startEmbedded(
  ctx: Context,
  s: Scale,
  kind: ClientKind,
): Promise<{ measure: (k: number) => Promise<WritePhase>; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-bench-embedded-'));
  chmodSync(dataDir, 0o755); // reachable by the postgres account when the bench runs as root
  const server = await startProduct({ databaseUrl: '', label: 'product-embedded', env: { DATA_DIR: dataDir } });
  let generator: BenchProcess | null = null;
  const stop = async () => {
    if (generator) {
      await generator.rpc('disconnect', { clean: true }).catch(() => undefined);
      await generator.stop();
    }
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
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
    const gen = await connectClients(ctx.log, specs, own, { kind, label: 'gen-writes-embedded' });
    generator = gen;
    const measure = async (k: number): Promise<WritePhase> => {
      await gen.rpc('phase', {
        id: 600 + k * 2,
        durationMs: 1000,
        mode: 'closed',
        senders: own,
        drainMs: 500,
        maxMessages: 50_000,
      });
      const r = perMessage(
        await measuredPhase(
          gen,
          {
            id: 601 + k * 2,
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
        `${roundLabel(k, 'embedded default')}, ${SENDERS} senders: ${round(r.perSec, 0)} messages/s, ack p50 ${ms(r.ackSummary.p50)} p99 ${ms(r.ackSummary.p99)}, server CPU ${pct(r.serverCpuShare)}, db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
      );
      return r;
    };
    return { measure, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function run(ctx: Context) {
  const s = scale(ctx.opts);
  const kind = ctx.opts.sio ? 'sio' : 'lean';
  const users = ctx.pool.users.slice(0, SENDERS);
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('writes');
  const out: Out = { rounds: [], embedded: [], pgbench: {}, settings: null };
  const processes: { stop: () => Promise<unknown> }[] = [];
  try {
    const server = await startTarget('product', { databaseUrl, profileDir: ctx.profileDir, label: 'product-writes' });
    processes.push(server);
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
    processes.push({ stop: () => generator.stop() });
    let phaseId = 500;
    const productPhase = async (k: number, name: string, senders: Sender[]): Promise<WritePhase> => {
      // A short unmeasured run first, so the measured one starts warm.
      await generator.rpc('phase', {
        id: (phaseId += 1),
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
            id: (phaseId += 1),
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
      ctx.log(
        `${roundLabel(k, 'product')}, ${name}: ${round(r.perSec, 0)} messages/s, ${round(r.messagesPerCommit, 2)} per commit, ack p50 ${ms(r.ackSummary.p50)} p99 ${ms(r.ackSummary.p99)}, server CPU ${pct(r.serverCpuShare)}, db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
      );
      return r;
    };

    // The same rows with raw pg, from a generator process too.
    const row = { threadId: threadIds[0], groupId: groupIds[0], authorId: users[0].id };
    const rawGen = startGenerator('gen-raw');
    processes.push({ stop: () => rawGen.stop() });
    const rawPhase = async (k: number, concurrency: number): Promise<RawPhase> => {
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
      ctx.log(
        `${roundLabel(k, 'raw pg')}, ${concurrency} connection(s): ${round(r.perSec, 0)} inserts/s, p50 ${ms(r.latencySummary.p50)} p99 ${ms(r.latencySummary.p99)}, db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
      );
      return r;
    };

    // The product server stays up, its sockets connected; the rounds alternate its three phases with raw pg's two.
    out.rounds = await alternate(
      {
        product: async (k) => ({
          one: await productPhase(k, '1 sender', own.slice(0, 1)),
          own: await productPhase(k, `${SENDERS} senders, own groups`, own),
          shared: await productPhase(k, `${SENDERS} senders, one group`, shared),
        }),
        baseline: async (k) => ({ one: await rawPhase(k, 1), many: await rawPhase(k, SENDERS) }),
      },
      { log: ctx.log },
    );
    await generator.rpc('disconnect', { clean: true });
    await server.stop();

    // The embedded default against raw pg at 16 connections, in rounds of their own (raw pg on the bench's
    // PostgreSQL as above; the embedded server started once, up throughout).
    const embedded = await startEmbedded(ctx, s, kind);
    processes.push(embedded);
    out.embedded = await alternate(
      { product: (k) => embedded.measure(k), baseline: (k) => rawPhase(k, SENDERS) },
      { log: (m) => ctx.log(`embedded default: ${m}`) },
    );
    await embedded.stop();

    // pgbench: a reference for the raw figure, measured once.
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
    for (const p of processes.reverse()) await p.stop().catch(() => undefined);
    await drop();
  }
  return report(s, out, kind);
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

function report(s: Scale, out: Out, kind: ClientKind) {
  const { rounds, embedded } = out;
  const invalidReasons: string[] = [];
  const loads: [string, { generatorLoad: number; otherLoad: number }][] = [];
  const names: Record<string, string> = {
    one: '1 sender',
    own: `${SENDERS} senders, own groups`,
    shared: `${SENDERS} senders, one group`,
    many: `${SENDERS} connections`,
  };
  for (const r of rounds) {
    for (const [key, phase] of Object.entries(r.product))
      loads.push([roundLabel(r.index, `product ${names[key]}`), phase]);
    for (const [key, phase] of Object.entries(r.baseline))
      loads.push([roundLabel(r.index, `raw ${key === 'one' ? '1 connection' : names[key]}`), phase]);
  }
  for (const r of embedded) {
    loads.push([roundLabel(r.index, 'embedded default'), r.product]);
    loads.push([roundLabel(r.index, 'raw 16 (embedded rounds)'), r.baseline]);
  }
  for (const [name, r] of loads) {
    if (r.generatorLoad > 0.9)
      invalidReasons.push(`the generator was saturated (${pct(r.generatorLoad)}) in "${name}"`);
  }
  invalidReasons.push(...noiseReasons(loads.map(([name, r]): [string, number] => [name, r.otherLoad])));
  const perSec = { format: (v: number | null) => round(v, 0) };
  const allProduct = [...rounds.flatMap((r) => Object.values(r.product)), ...embedded.map((r) => r.product)];
  const med = (values: (number | null)[]) => figure(values).median;
  const rows: Row[] = [
    ratioRow('messages/s, 1 sender', rounds, (r) => [r.product.one.perSec, r.baseline.one.perSec], perSec),
    ratioRow(
      `messages/s, ${SENDERS} senders (own groups)`,
      rounds,
      (r) => [r.product.own.perSec, r.baseline.many.perSec],
      { ...perSec, target: `≥ ${TARGET_RATIO}`, test: (x) => x >= TARGET_RATIO },
    ),
    ratioRow(
      `messages/s, ${SENDERS} senders (one shared group)`,
      rounds,
      (r) => [r.product.shared.perSec, r.baseline.many.perSec],
      perSec,
    ),
    ratioRow(
      'ack / insert p99, 1 sender',
      rounds,
      (r) => [r.product.one.ackSummary.p99, r.baseline.one.latencySummary.p99],
      { format: ms },
    ),
    ratioRow(
      `ack / insert p99, ${SENDERS} senders (own groups)`,
      rounds,
      (r) => [r.product.own.ackSummary.p99, r.baseline.many.latencySummary.p99],
      { format: ms },
    ),
    {
      ...valueRow(`ack p99, ${SENDERS} senders (one shared group)`, rounds, (r) => r.product.shared.ackSummary.p99, {
        format: ms,
      }),
      baseline: '–',
    },
    {
      ...valueRow(
        `messages per commit, ${SENDERS} senders (one shared group)`,
        rounds,
        (r) => r.product.shared.messagesPerCommit ?? null,
      ),
      baseline: '1',
    },
    ratioRow(
      `PostgreSQL CPU µs per message, ${SENDERS} senders`,
      rounds,
      (r) => [r.product.own.dbCpuUsPerMessage, r.baseline.many.dbCpuUsPerMessage],
      perSec,
    ),
    {
      ...valueRow(
        `server CPU µs per message, ${SENDERS} senders`,
        rounds,
        (r) => r.product.own.serverCpuUsPerMessage,
        perSec,
      ),
      baseline: '–',
    },
    {
      metric: 'pgbench one-insert tps, 1 / 16 clients (measured once)',
      product: '–',
      baseline: out.pgbench
        ? `${round(out.pgbench[1].tps, 0)} / ${round(out.pgbench[SENDERS].tps, 0)}`
        : 'skipped: pgbench not installed',
    },
    ratioRow(
      `embedded default: messages/s, ${SENDERS} senders (own groups)`,
      embedded,
      (r) => [r.product.perSec, r.baseline.perSec],
      perSec,
    ),
    {
      metric: `embedded default: ack p99, ${SENDERS} senders (median)`,
      product: ms(med(embedded.map((r) => r.product.ackSummary.p99))),
      baseline: '–',
    },
    {
      metric: 'lost / duplicated deliveries (all phases, all rounds)',
      product: `${allProduct.reduce((n, r) => n + r.lost, 0)} / ${allProduct.reduce((n, r) => n + r.duplicates, 0)}`,
    },
  ];
  const strip = ({ timeline: _timeline, ...rest }: WritePhase) => rest;
  const stripAll = (phases: Record<string, WritePhase>) =>
    Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, strip(v)]));
  return {
    startedAt: new Date().toISOString(),
    scale: `closed loop, ${s.durationMs / 1000} s per phase (after 1 s warm-up); product: socket message.send acked after commit; raw: INSERT INTO messages, one row per autocommit statement; ${rounds.length} rounds alternating the product's three phases with raw pg's two (the product server up throughout), then ${embedded.length} rounds alternating the embedded default with raw pg at ${SENDERS}; synchronous_commit=${out.settings?.synchronous_commit}, fsync=${out.settings?.fsync}; ${kind === 'lean' ? 'lean protocol clients' : 'socket.io-client'}`,
    rounds: rounds.length,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    details: {
      rounds: rounds.map((r) => ({ ...r, product: stripAll(r.product) })),
      embedded: embedded.map((r) => ({ ...r, product: strip(r.product) })),
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
