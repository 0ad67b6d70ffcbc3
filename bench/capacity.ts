/**
 * capacity: how many active users this machine serves while health holds (issue 22, item 4) — the figure chat
 * systems are compared by. Server, database and load generators all on this machine.
 *
 * A data set (1,000,000 messages, 5,000 users, 500 groups of 30) is seeded with COPY (lib/dataset.ts). Simulated
 * users (lib/capacity-users.ts, in forked generators) each hold one socket and, closed loop, think ~5 s then do one
 * action drawn from MIX, a mix modelled on Mattermost's load-test agent (see MIX). Users are added in steps; each
 * step is warmed up, then measured. A step holds when, over its measured window:
 *   - the average action latency is ≤ 100 ms and the p99 ≤ 2 s (every acknowledged action: HTTP answer or ack);
 *   - errors (non-2xx other than an edit conflict, refused acks, timeouts, failed connects) are ≤ 0.025%;
 *   - the product process used ≤ 85% of one core (its CPU time ÷ the window): Node runs the product's JavaScript
 *     on one thread, so one core is what it can use, however many the machine has.
 * Users sustained = the users of the last step that held. The ramp stops at the first step that does not.
 *
 *   npm run bench -- capacity            PostgreSQL (BENCH_PG_ADMIN_URL) + Redis (BENCH_REDIS_URL or 127.0.0.1:6379)
 *   npm run bench -- capacity-embedded   the embedded PostgreSQL default, no Redis
 * --quick: a small data set and a short ramp, to try the bench. CAPACITY_START, CAPACITY_STEP, CAPACITY_MAX (users),
 * CAPACITY_WARMUP_S, CAPACITY_MEASURE_S and CAPACITY_MESSAGES override the scale.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import jwt from 'jsonwebtoken';
import { seedDataset } from './lib/dataset';
import { Histogram, HistogramJson } from './lib/histogram';
import { GENERATOR_SATURATION, ms, noiseReasons, pct, round, startGenerator } from './lib/harness';
import { BenchServer, BenchProcess, JWT_SECRET, startProduct } from './lib/processes';
import { createDatabase, dropDatabase, backendPids } from './lib/db';
import { cpuMeter, pidsByName } from './lib/proc';
import type { CapacityAction, CapacityAddResult, CapacitySnapshot, CapacityUser } from './lib/generator-protocol';
import type { Benchmark, BenchRecord, Cell, Context, Options, Row } from './lib/types';

/**
 * The mix: Mattermost load-test-ng's SimulController action frequencies (loadtest/control/simulcontroller/
 * controller.go, getActionList), mapped onto Tansiq's screens. Weights are theirs where an action corresponds:
 * SwitchChannel 6.52 → a group's thread list; ScrollChannel 1.99 + OpenDirectOrGroupChannel 0.98 + ViewThread 0.28 +
 * ClickPermalink 0.30 → a thread's message page; UnreadCheck 1 → the notifications list; CreatePost 1 → a post
 * (typing first); ViewGlobalThreads 0.60 → "my actions" (the cross-group list); UpdateThreadRead 0.32 → marking a
 * thread read; ReconnectWebSocket 0.14 → a catch-up `sync`; AddReaction 0.13 → a reaction; SearchPosts, Users,
 * Channels, GroupChannels 0.09 → a search. EditPost 0.04 → editing one's last post. Tansiq's own: an action item status update (PATCH with
 * If-Match) 0.10; presence 0.20 (Mattermost polls statuses periodically). About
 * one action in 13.6 is a post.
 */
export const MIX: [CapacityAction, number][] = [
  ['threadList', 6.52],
  ['messagePage', 3.55],
  ['notifications', 1],
  ['post', 1],
  ['myActions', 0.6],
  ['markRead', 0.32],
  ['presence', 0.2],
  ['sync', 0.14],
  ['reaction', 0.13],
  ['actionUpdate', 0.1],
  ['search', 0.09],
  ['editPost', 0.04],
];

/** Think time between a user's actions (uniform ±50%); CAPACITY_THINK_MS overrides it, to overload on purpose. */
const THINK_MS = Number(process.env.CAPACITY_THINK_MS ?? 5000);
export const HEALTH = { avgMs: 100, p99Ms: 2000, errorRate: 0.00025, appCpu: 0.85 };
const MATTERMOST_2VCPU = 217;

interface Scale {
  dataset: { users: number; groups: number; messages: number; actionItems: number; membersPerGroup: number };
  start: number;
  step: number;
  max: number;
  warmupS: number;
  measureS: number;
  generators: number;
}

function scaleOf(opts: Options): Scale {
  const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
  const full = !opts.quick;
  const users = full ? 5000 : 400;
  return {
    dataset: {
      users,
      groups: full ? 500 : 40,
      messages: env('CAPACITY_MESSAGES', full ? 1_000_000 : 20_000),
      actionItems: full ? 10_000 : 400,
      membersPerGroup: 30,
    },
    start: env('CAPACITY_START', full ? 250 : 100),
    step: env('CAPACITY_STEP', full ? 250 : 100),
    max: Math.min(users - 1, env('CAPACITY_MAX', full ? 5000 : 400)),
    warmupS: env('CAPACITY_WARMUP_S', full ? 10 : 4),
    measureS: env('CAPACITY_MEASURE_S', full ? 30 : 10),
    generators: full ? 2 : 1,
  };
}

/** Every process under `root` (the embedded PostgreSQL the product started: postmaster and backends). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, p] of parent) {
      if (p !== pid) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** Counts what the product writes on stderr about pg; keeps the first such warning whole (with its stack). */
function watchPgWarnings(server: BenchServer): { count: () => number; first: () => string | null } {
  let count = 0;
  let first: string | null = null;
  let tail = '';
  server.child.stderr?.on('data', (chunk: Buffer) => {
    const text = tail + chunk.toString('utf8');
    const hits = text.split('already executing a query').length - 1;
    if (hits > 0) {
      count += hits;
      if (!first) first = text.slice(Math.max(0, text.indexOf('already executing a query') - 300)).slice(0, 3000);
    }
    tail = text.slice(-40);
  });
  return { count: () => count, first: () => first };
}

/**
 * Tokens without 4,000 argon2 sign-ins (≈ 40 ms of server CPU each: minutes of setup that would say nothing about
 * capacity): each user gets a session row as a sign-in leaves it, and an access token for that session signed as
 * the product signs one (TokenService.signAccess: HS256, `sid`, subject, issuer, audience) with the secret the bench
 * itself configured the product with (JWT_SECRET). The product checks it exactly as a token it issued: signature,
 * claims, and the live session in the database on every request and handshake. Setup, not measured.
 */
async function tokensFor(ctx: Context, databaseUrl: string, userIds: string[]): Promise<string[]> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  let sessions: { id: string; user_id: string }[];
  try {
    ({ rows: sessions } = await c.query<{ id: string; user_id: string }>(
      `INSERT INTO sessions (user_id, user_agent) SELECT u, 'tansiq-bench capacity' FROM unnest($1::uuid[]) AS u
       RETURNING id, user_id`,
      [userIds],
    ));
  } finally {
    await c.end();
  }
  const sessionOf = new Map(sessions.map((s) => [s.user_id, s.id]));
  const tokens = userIds.map((id) =>
    jwt.sign({ sid: sessionOf.get(id) }, JWT_SECRET, {
      subject: id,
      algorithm: 'HS256',
      issuer: 'tansiq',
      audience: 'tansiq-api',
      expiresIn: 7200,
    }),
  );
  ctx.log(`${userIds.length} sessions and access tokens`);
  return tokens;
}

/** Per user: groups (threads, seq), action items they answer for (open or in progress), messages to react to. */
async function simulatedUsers(
  databaseUrl: string,
  dataset: Awaited<ReturnType<typeof seedDataset>>,
  count: number,
): Promise<Omit<CapacityUser, 'token'>[]> {
  const people = dataset.users.filter((u) => !u.isAdmin).slice(0, count);
  const groupsOf = new Map<string, CapacityUser['groups']>();
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const recent = new Map<string, string[]>();
    const { rows: messageRows } = await c.query<{ group_id: string; ids: string[] }>(
      `SELECT g.id AS group_id, ARRAY(SELECT m.id FROM messages m WHERE m.group_id = g.id ORDER BY m.seq DESC LIMIT 5)
              AS ids
         FROM working_groups g`,
    );
    for (const r of messageRows) recent.set(r.group_id, r.ids);
    const { rows: memberRows } = await c.query<{ group_id: string; user_id: string; role: string }>(
      'SELECT group_id, user_id, role FROM memberships',
    );
    const byId = new Map(dataset.groups.map((g) => [g.id, g]));
    for (const m of memberRows) {
      const g = byId.get(m.group_id);
      if (!g) continue;
      const list = groupsOf.get(m.user_id) ?? [];
      const threadIds = g.threadIds.filter((t) => t !== g.recommendationThreadId);
      list.push({ id: g.id, threadIds, lastSeq: g.lastSeq, writer: m.role !== 'observer' });
      groupsOf.set(m.user_id, list);
    }
    const { rows: itemRows } = await c.query<{ id: string; version: number; status: string; focal: string }>(
      `SELECT a.id, a.version, a.status, a.focal_person_id AS focal FROM action_items a
         JOIN memberships m ON m.group_id = a.group_id AND m.user_id = a.focal_person_id AND m.role <> 'observer'
        WHERE a.focal_person_id = ANY($1::uuid[]) AND a.status IN ('open', 'in-progress')`,
      [people.map((p) => p.id)],
    );
    const itemsOf = new Map<string, CapacityUser['items']>();
    for (const r of itemRows) {
      const list = itemsOf.get(r.focal) ?? [];
      if (list.length < 5) list.push({ id: r.id, version: r.version, status: r.status });
      itemsOf.set(r.focal, list);
    }
    return people
      .map((p, index) => {
        const groups = groupsOf.get(p.id) ?? [];
        return {
          index,
          groups,
          items: itemsOf.get(p.id) ?? [],
          messageIds: groups.filter((g) => g.writer).flatMap((g) => recent.get(g.id) ?? []),
        };
      })
      .filter((u) => u.groups.length > 0);
  } finally {
    await c.end();
  }
}

interface StepResult {
  users: number;
  connected: number;
  windowS: number;
  actions: number;
  actionsPerS: number;
  avgMs: number | null;
  p99Ms: number | null;
  errors: number;
  errorRate: number;
  conflicts: number;
  connectFailures: number;
  appCpu: number;
  dbCpu: number;
  redisCpu: number;
  generatorCpu: number;
  generatorMax: number;
  otherCpu: number;
  appCpuMsPerAction: number | null;
  dbCpuMsPerAction: number | null;
  /** Every process of ours (app, database, Redis, generators) per action. */
  allCpuMsPerAction: number | null;
  held: boolean;
  /** A failing step measured again because other processes were busy (kept in the table, not judged). */
  remeasured?: boolean;
  why: string[];
  kinds: Record<string, { n: number; avg: number | null; p99: number | null; errors: number }>;
  sampleErrors: string[];
}

/** Merges the generators' snapshots and judges the step against HEALTH. */
function judge(
  users: number,
  snaps: CapacitySnapshot[],
  cpu: Record<string, number>,
  connectFailures: number,
): StepResult {
  const all = new Histogram();
  const kinds: StepResult['kinds'] = {};
  let errors = connectFailures;
  for (const [kind] of MIX) {
    const h = new Histogram();
    let kindErrors = 0;
    for (const s of snaps) {
      h.merge(Histogram.from(s.kinds[kind] as HistogramJson | undefined));
      kindErrors += s.errors[kind] ?? 0;
    }
    all.merge(h);
    errors += kindErrors;
    const summary = h.summary();
    kinds[kind] = { n: summary.n, avg: summary.mean, p99: summary.p99, errors: kindErrors };
  }
  const summary = all.summary();
  const windowS = cpu.wallMs / 1000;
  const actions = summary.n;
  const errorRate = actions ? errors / actions : errors ? 1 : 0;
  const appCpu = cpu.server / cpu.wallMs;
  const why: string[] = [];
  if ((summary.mean ?? Infinity) > HEALTH.avgMs) why.push(`average ${ms(summary.mean)} > ${HEALTH.avgMs} ms`);
  if ((summary.p99 ?? Infinity) > HEALTH.p99Ms) why.push(`p99 ${ms(summary.p99)} > ${HEALTH.p99Ms} ms`);
  if (errorRate > HEALTH.errorRate) why.push(`errors ${(errorRate * 100).toFixed(3)}% > 0.025%`);
  if (appCpu > HEALTH.appCpu) why.push(`app CPU ${pct(appCpu)} of a core > 85%`);
  const generatorMax = Math.max(...snaps.map((s) => s.generator.cpuMs / s.generator.wallMs));
  return {
    users,
    connected: snaps.reduce((a, s) => a + s.connected, 0),
    windowS,
    actions,
    actionsPerS: actions / windowS,
    avgMs: summary.mean,
    p99Ms: summary.p99,
    errors,
    errorRate,
    conflicts: snaps.reduce((a, s) => a + s.conflicts, 0),
    connectFailures,
    appCpu,
    dbCpu: cpu.db / cpu.wallMs,
    redisCpu: (cpu.redis ?? 0) / cpu.wallMs,
    generatorCpu: cpu.generator / cpu.wallMs,
    generatorMax,
    otherCpu: cpu.otherMs / cpu.wallMs,
    appCpuMsPerAction: actions ? cpu.server / actions : null,
    dbCpuMsPerAction: actions ? cpu.db / actions : null,
    allCpuMsPerAction: actions ? (cpu.server + cpu.db + (cpu.redis ?? 0) + cpu.generator) / actions : null,
    held: why.length === 0,
    why,
    kinds,
    sampleErrors: [...new Set(snaps.flatMap((s) => s.sampleErrors))].slice(0, 10),
  };
}

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** Other processes' CPU (share of one core) above which a failing step is measured again, and how often. */
const NOISY = 0.5;
const RETRIES = 1;

type Pids = { db: () => number[] | Promise<number[]>; redis: number[] };

/** One measured window: the generators' snapshots and every process's CPU over it, judged. */
async function measureStep(
  scale: Scale,
  server: BenchServer,
  generators: BenchProcess[],
  pids: Pids,
  users: number,
  connectFailures: number,
): Promise<StepResult> {
  await Promise.all(generators.map((g) => g.rpc<CapacitySnapshot>('capacitySnapshot')));
  const meter = await cpuMeter({
    server: [server.pid],
    db: pids.db,
    redis: pids.redis,
    generator: generators.map((g) => g.pid),
    bench: [process.pid],
  });
  await sleep(scale.measureS * 1000);
  const snaps = await Promise.all(generators.map((g) => g.rpc<CapacitySnapshot>('capacitySnapshot')));
  const cpu = await meter.stop();
  return judge(users, snaps, cpu, connectFailures);
}

/** The ramp: add users in steps while the steps hold; returns every step measured. */
async function ramp(
  ctx: Context,
  scale: Scale,
  server: BenchServer,
  generators: BenchProcess[],
  people: CapacityUser[],
  pids: Pids,
): Promise<StepResult[]> {
  const steps: StepResult[] = [];
  let added = 0;
  for (let target = Math.min(scale.start, people.length); ; target = Math.min(target + scale.step, people.length)) {
    const batch = people.slice(added, target);
    const results = await Promise.all(
      generators.map((g, k) =>
        g.rpc<CapacityAddResult>(
          'capacityAdd',
          {
            url: server.url,
            users: batch.filter((_, i) => i % generators.length === k),
            mix: MIX,
            thinkMs: THINK_MS,
            concurrency: 20,
            maxHttpConnections: 256,
          },
          600_000,
        ),
      ),
    );
    added = target;
    const connectFailures = results.reduce((a, r) => a + r.failed, 0);
    await sleep(scale.warmupS * 1000);
    let step: StepResult;
    // The machine is shared: a step that does not hold while other processes took a real share of the CPU is
    // measured again (same users, at most RETRIES times) before the ramp ends on it.
    for (let attempt = 0; ; attempt += 1) {
      step = await measureStep(scale, server, generators, pids, target, attempt === 0 ? connectFailures : 0);
      ctx.log(
        `${target} users: ${step.actionsPerS.toFixed(0)} actions/s, avg ${ms(step.avgMs)}, p99 ${ms(step.p99Ms)}, ` +
          `errors ${step.errors}, app CPU ${pct(step.appCpu)}, PG ${pct(step.dbCpu)}, generators ${pct(step.generatorCpu)}, ` +
          `others ${pct(step.otherCpu)} → ${step.held ? 'held' : `did not hold (${step.why.join('; ')})`}` +
          (step.sampleErrors.length ? `\n  errors: ${step.sampleErrors.join('\n  ')}` : ''),
      );
      if (step.held || step.otherCpu <= NOISY || attempt >= RETRIES) break;
      step.remeasured = true;
      steps.push(step);
      ctx.log(`others used ${pct(step.otherCpu)} of a core: measuring ${target} users again`);
    }
    steps.push(step);
    if (!step.held || target >= Math.min(scale.max, people.length)) break;
  }
  return steps;
}

/**
 * What the CPU cost per action says the ceiling would be on this machine alone (no other load): the users at which
 * the app would reach 85% of its core, and at which our processes together would fill both cores, at one action per
 * THINK_MS each. An estimate from the costs measured, not a measured ceiling: latency, locks and queueing are not in
 * it. Taken over every measured step (CPU time and actions added up).
 */
function estimate(
  steps: StepResult[],
  cores: number,
): { app: number; machine: number; appMs: number; allMs: number } | null {
  let actions = 0;
  let appMs = 0;
  let allMs = 0;
  for (const s of steps) {
    if (!s.actions || s.appCpuMsPerAction === null || s.allCpuMsPerAction === null) continue;
    actions += s.actions;
    appMs += s.appCpuMsPerAction * s.actions;
    allMs += s.allCpuMsPerAction * s.actions;
  }
  if (!actions) return null;
  const perUserPerS = 1000 / THINK_MS;
  return {
    appMs: appMs / actions,
    allMs: allMs / actions,
    app: Math.floor((HEALTH.appCpu * 1000) / ((appMs / actions) * perUserPerS)),
    machine: Math.floor((cores * 1000) / ((allMs / actions) * perUserPerS)),
  };
}

function record(
  where: string,
  scale: Scale,
  steps: StepResult[],
  seedS: number,
  cores: number,
  pg: { count: number; first: string | null },
  notes: string[],
): BenchRecord {
  const judged = steps.filter((s) => !s.remeasured);
  const held = judged.filter((s) => s.held);
  const sustained = held.length ? held[held.length - 1].users : 0;
  const lastHeld = held[held.length - 1] ?? null;
  const failing = judged.find((s) => !s.held) ?? null;
  const reachedMax = !failing;
  const rows: Row[] = [
    {
      metric: `users sustained (${where}; avg ≤ 100 ms, p99 ≤ 2 s, errors ≤ 0.025%, app CPU ≤ 85% of a core)`,
      product: reachedMax ? `≥ ${sustained} (the ramp's end)` : sustained,
      baseline: MATTERMOST_2VCPU,
      ratio: round(sustained / MATTERMOST_2VCPU, 1),
      target: '≥ 4000',
      met: sustained >= 4000,
    },
    {
      metric: 'at that step: actions/s, average, p99',
      product: lastHeld ? `${lastHeld.actionsPerS.toFixed(0)}/s, ${ms(lastHeld.avgMs)}, ${ms(lastHeld.p99Ms)}` : '–',
    },
    {
      metric: 'at that step: app / database CPU per action',
      product: lastHeld
        ? `${round(lastHeld.appCpuMsPerAction, 2)} ms / ${round(lastHeld.dbCpuMsPerAction, 2)} ms`
        : '–',
    },
    {
      metric: 'first step that did not hold',
      product: failing ? `${failing.users}: ${failing.why.join('; ')}` : 'none',
    },
    {
      metric: 'pg "already executing a query" warnings under load',
      product: pg.count,
      target: '0',
      met: pg.count === 0,
    },
    { metric: 'seeding the data set, s', product: round(seedS, 0) },
  ];
  const projected = estimate(steps, cores);
  if (projected)
    rows.push({
      metric:
        'estimate from CPU per action over all steps (not measured): users at 85% of the app core / at both cores full',
      product:
        `${projected.app} / ${projected.machine} (app ${round(projected.appMs, 2)} ms, all ours ` +
        `${round(projected.allMs, 2)} ms per action)`,
    });
  const stepTable: Cell[][] = [
    [
      'users',
      'actions/s',
      'avg',
      'p99',
      'errors',
      'conflicts',
      'app CPU',
      'PG CPU',
      'Redis CPU',
      'generators',
      'others',
      'held',
    ],
    ...steps.map((s) => [
      s.users,
      round(s.actionsPerS, 0),
      ms(s.avgMs),
      ms(s.p99Ms),
      s.errors,
      s.conflicts,
      pct(s.appCpu),
      pct(s.dbCpu),
      pct(s.redisCpu),
      pct(s.generatorCpu),
      pct(s.otherCpu),
      s.held ? 'yes' : `${s.remeasured ? 'measured again (others busy)' : 'no'}: ${s.why.join('; ')}`,
    ]),
  ];
  const kindTable = (s: StepResult): Cell[][] => [
    ['action', 'count', 'avg', 'p99', 'errors'],
    ...MIX.map(([kind]) => [kind, s.kinds[kind].n, ms(s.kinds[kind].avg), ms(s.kinds[kind].p99), s.kinds[kind].errors]),
  ];
  const tables: Record<string, Cell[][]> = { 'steps (CPU: share of one core over the measured window)': stepTable };
  if (lastHeld) tables[`per action at ${lastHeld.users} users (last step that held)`] = kindTable(lastHeld);
  if (failing) tables[`per action at ${failing.users} users (first step that did not hold)`] = kindTable(failing);
  const invalidReasons = noiseReasons(steps.map((s) => [`${s.users} users`, s.otherCpu]));
  const saturated = steps.filter((s) => s.generatorMax > GENERATOR_SATURATION);
  if (saturated.length)
    invalidReasons.push(`a load generator saturated at ${saturated.map((s) => s.users).join(', ')} users`);
  if (pg.first) notes.push(`first pg warning, as the product wrote it:\n${pg.first}`);
  return {
    startedAt: new Date().toISOString(),
    scale:
      `${scale.dataset.messages} messages, ${scale.dataset.users} users, ${scale.dataset.groups} groups of ` +
      `${scale.dataset.membersPerGroup}; +${scale.step} users from ${scale.start}, ${scale.warmupS} s warm-up + ` +
      `${scale.measureS} s measured per step; think time ${THINK_MS / 1000} s ± 50%`,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    tables,
    notes,
    details: { mix: MIX, health: HEALTH, steps },
  };
}

/** One variant end to end: database, product, data set, tokens, generators, ramp. */
async function capacity(ctx: Context, variant: 'postgres' | 'embedded'): Promise<BenchRecord> {
  const scale = scaleOf(ctx.opts);
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    let databaseUrl: string;
    let env: Record<string, string> = {};
    let redisUrl: string | undefined;
    const dbName = `tansiq_bench_${ctx.runId}_capacity`;
    if (variant === 'postgres') {
      databaseUrl = await createDatabase(dbName);
      cleanups.push(() => dropDatabase(dbName));
      redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-bench-capacity-'));
      chmodSync(dataDir, 0o755); // reachable by the postgres account when the bench runs as root
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      env = { DATA_DIR: dataDir };
      databaseUrl = `postgres://postgres@localhost/tansiq?host=${encodeURIComponent(join(dataDir, 'run'))}`;
    }
    const start = (label: string, profileDir: string | null) =>
      startProduct({
        databaseUrl: variant === 'postgres' ? databaseUrl : '',
        redisUrl,
        redisPrefix: `capacity${ctx.runId}:`,
        label,
        profileDir,
        // The deprecation's stack names who sent the overlapping query.
        env: { ...env, NODE_OPTIONS: '--trace-deprecation' },
        healthTimeoutMs: 300_000,
      });
    // Started once to migrate (and, embedded, to run the database), then again on the seeded data.
    let server = await start(`product-capacity-${variant}-setup`, null);
    const seedStarted = Date.now();
    const dataset = await seedDataset(databaseUrl, scale.dataset, ctx.log);
    const seedS = (Date.now() - seedStarted) / 1000;
    await server.stop(30_000);
    server = await start(`product-capacity-${variant}`, ctx.profileDir);
    cleanups.push(() => server.stop(30_000).then(() => undefined));
    const pg = watchPgWarnings(server);

    const base = await simulatedUsers(databaseUrl, dataset, scale.max);
    const tokens = await tokensFor(
      ctx,
      databaseUrl,
      base.map((u) => dataset.users.filter((p) => !p.isAdmin)[u.index].id),
    );
    const people: CapacityUser[] = base.map((u, i) => ({ ...u, token: tokens[i] }));
    ctx.log(
      `${people.length} simulated users; ${people.filter((p) => p.items.length).length} answer for action items; ` +
        `mix ${MIX.map(([k, w]) => `${k} ${w}`).join(', ')}`,
    );
    const generators = Array.from({ length: scale.generators }, (_, k) => startGenerator(`generator-${k}`));
    cleanups.push(async () => {
      await Promise.all(generators.map((g) => g.rpc('capacityStop', {}, 60_000).catch(() => undefined)));
      await Promise.all(generators.map((g) => g.stop()));
    });
    const redisPids = variant === 'postgres' ? pidsByName('redis-server') : [];
    const steps = await ramp(ctx, scale, server, generators, people, {
      db: variant === 'postgres' ? () => backendPids(dbName) : () => descendants(server.pid),
      redis: redisPids,
    });
    const notes = [
      `app CPU = the product process's CPU time ÷ the measured window (one core: Node runs its JavaScript on one ` +
        `thread); PG CPU = ${variant === 'postgres' ? "the database's backends" : 'the embedded PostgreSQL (every process under the product)'}; ` +
        `shares of one core, the machine has ${ctx.machine.cpus}`,
      `Mattermost's published figure: 217 users on 1 × 2-vCPU app node with a separate database (the baseline column)`,
    ];
    return record(
      variant === 'postgres' ? 'PostgreSQL + Redis' : 'embedded PostgreSQL',
      scale,
      steps,
      seedS,
      ctx.machine.cpus,
      { count: pg.count(), first: pg.first() },
      notes,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

export const benchmark: Benchmark = {
  name: 'capacity',
  description:
    'active users sustained (realistic mix, closed loop, ramp) on PostgreSQL + Redis with 1,000,000 messages (≥ 4,000)',
  usersNeeded: () => 0,
  run: (ctx) => capacity(ctx, 'postgres'),
};

export const embeddedBenchmark: Benchmark = {
  name: 'capacity-embedded',
  description: 'active users sustained (realistic mix, closed loop, ramp) on the embedded PostgreSQL default',
  usersNeeded: () => 0,
  run: (ctx) => capacity(ctx, 'embedded'),
};
