/**
 * datascale: the everyday reads at 10,000, 100,000 and 1,000,000 messages (issue 22). Each scale is its own database,
 * migrated by the product's CLI and seeded with COPY (lib/dataset.ts); the built product then serves it and typical
 * members (and the workspace admin, for the workspace report) make each read one request at a time: a warm-up, then
 * SAMPLES measured requests. Reported: p50/p99 of each read at each scale, and how they grow from the smallest scale
 * to the largest (100× the data).
 *
 * The scales grow the whole workspace, not one table: per 1,000,000 messages 100,000 action items, 5,000 users and
 * 500 groups (each group: 25 members, 10 threads, ~2,000 messages, ~200 action items). A group's size is the same at
 * every scale, so a read that stays within what it asks about (a thread, a group, my groups) through an index must
 * not grow; one that grows is reading the rest of the workspace (a scan). The workspace report is the exception by
 * its nature: it counts every action item of the workspace.
 *
 *   npm run bench -- datascale            10k, 100k, 1M messages: every read p99 ≤ 50 ms at 1M (search p95 ≤ 150,
 *                                         p99 ≤ 300) and growth ≤ GROWTH_LIMIT× over 100× the data
 *   npm run bench -- datascale --quick    1k and 10k
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDatabase, dropDatabase, backendPids } from './lib/db';
import { seedDataset, Dataset, DatasetGroup, DatasetSpec } from './lib/dataset';
import { ms, noiseReasons, round } from './lib/harness';
import { Histogram, LatencySummary } from './lib/histogram';
import { cpuMeter } from './lib/proc';
import { productMain, startProduct, BenchServer } from './lib/processes';
import { api } from './lib/workspace';
import { QUERIES } from './search';
import type { Benchmark, BenchRecord, Cell, Context, Row } from './lib/types';

const SAMPLES = 200;
const WARMUP = 20;
/** A read that takes longer stops after this long (at least MIN_SAMPLES): a slow read is slow at any count. */
const BUDGET_MS = 40_000;
const MIN_SAMPLES = 30;
/** p99 at the largest scale, every read but search. */
const P99_LIMIT = 50;
const SEARCH = { p95: 150, p99: 300 };
/**
 * Growth allowed from the smallest scale to the largest (100× the data) of a read's p50 (the steadier figure on a
 * shared machine): an index's depth grows by a level or so over 100×, a scan by 100×. 3× leaves room for caches
 * that no longer hold the whole database.
 */
const GROWTH_LIMIT = 3;
/** Members whose requests the reads rotate over. */
const MEMBERS = 4;
const CATCH_UP_EVENTS = 1000;
/** The page size the web client's catch-up asks for (client/src/live/feed.ts). */
const CATCH_UP_PAGE = 500;

const READS = [
  'message page',
  'thread list',
  'catch-up after 1,000 events',
  'my actions',
  'group report',
  'workspace report',
  'search',
] as const;
type Read = (typeof READS)[number];

/** The whole workspace grows with the messages: per group, the same size at every scale. */
export function specFor(messages: number): DatasetSpec {
  return {
    messages,
    actionItems: Math.round(messages / 10),
    users: Math.max(50, Math.round(messages / 200)),
    groups: Math.max(5, Math.round(messages / 2000)),
    membersPerGroup: 25,
    threadsPerGroup: 10,
  };
}

interface Signed {
  id: string;
  token: string;
  groups: DatasetGroup[];
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  return (await api<{ accessToken: string }>(url, 'POST', '/api/auth/login', null, { email, password })).accessToken;
}

/** The product's migrations, run by its own CLI against a new database. */
async function migrate(databaseUrl: string): Promise<void> {
  await promisify(execFile)(process.execPath, [join(productMain(), '..', 'cli.js'), 'migrate', 'run'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  });
}

interface ScaleResult {
  messages: number;
  spec: DatasetSpec;
  seeding: Dataset['timings'];
  seedingMs: number;
  counts: Dataset['counts'];
  reads: Record<Read, ReadResult>;
  otherCores: number;
  serverCores: number;
  dbCores: number;
}

/** One request per sample (catch-up: the pages a reconnecting client asks for), WARMUP first, then SAMPLES timed. */
type ReadResult = LatencySummary & { failures: number; firstFailure: string | null };

/**
 * A failed request (e.g. the product's 3 s statement limit, answered 503) is counted and shown, not timed: the run
 * goes on to the other reads. A read with failures misses its target.
 */
async function measureRead(request: (i: number) => Promise<void>): Promise<ReadResult> {
  let failures = 0;
  let firstFailure: string | null = null;
  const attempt = async (i: number): Promise<boolean> => {
    try {
      await request(i);
      return true;
    } catch (error) {
      failures += 1;
      firstFailure ??= (error as Error).message.slice(0, 200);
      return false;
    }
  };
  for (let i = 0; i < WARMUP; i += 1) await attempt(i);
  const histogram = new Histogram();
  const deadline = performance.now() + BUDGET_MS;
  for (let i = 0; i < SAMPLES && (i < MIN_SAMPLES || performance.now() < deadline); i += 1) {
    const started = performance.now();
    if (await attempt(WARMUP + i)) histogram.record(performance.now() - started);
  }
  return { ...histogram.summary(), failures, firstFailure };
}

async function runScale(ctx: Context, messages: number): Promise<ScaleResult> {
  const spec = specFor(messages);
  const dbName = `tansiq_bench_${ctx.runId}_datascale_${messages}`;
  const databaseUrl = await createDatabase(dbName);
  try {
    await migrate(databaseUrl);
    const dataset = await seedDataset(databaseUrl, spec, (m) => ctx.log(`${messages.toLocaleString('en')}: ${m}`));
    const server: BenchServer = await startProduct({
      databaseUrl,
      label: `product-datascale-${messages}`,
      healthTimeoutMs: 240_000,
    });
    try {
      // Typical members: spread over the users, each with their groups (about 2.5 at every scale).
      const groupsOf = new Map<string, DatasetGroup[]>();
      for (const g of dataset.groups) for (const id of g.memberIds) groupsOf.set(id, [...(groupsOf.get(id) ?? []), g]);
      const picked = Array.from(
        { length: MEMBERS },
        (_, k) => dataset.users[1 + Math.floor((k * (spec.users - 1)) / MEMBERS)],
      );
      const members: Signed[] = [];
      for (const user of picked) {
        members.push({
          id: user.id,
          token: await signIn(server.url, user.email, dataset.password),
          groups: groupsOf.get(user.id) ?? [],
        });
      }
      if (members.some((m) => m.groups.length === 0)) throw new Error('a picked member has no group');
      const adminToken = await signIn(server.url, dataset.admin.email, dataset.password);
      const member = (i: number) => members[i % MEMBERS];
      const groupOf = (i: number) => {
        const m = member(i);
        return m.groups[Math.floor(i / MEMBERS) % m.groups.length];
      };
      const get = (token: string, path: string) => api(server.url, 'GET', path, token);

      const meter = await cpuMeter({
        server: [server.pid],
        db: () => backendPids(dbName),
        bench: [process.pid],
      });
      const reads = {} as Record<Read, ReadResult>;
      const requests: Record<Read, (i: number) => Promise<void>> = {
        'message page': async (i) => {
          const g = groupOf(i);
          // Every thread of the group in turn; the busiest (the first) most often.
          const t = i % 3 === 0 ? 0 : Math.floor(i / 3) % g.threadIds.length;
          await get(member(i).token, `/api/threads/${g.threadIds[t]}/messages`);
        },
        'thread list': async (i) => void (await get(member(i).token, `/api/groups/${groupOf(i).id}/threads`)),
        'catch-up after 1,000 events': async (i) => {
          const g = groupOf(i);
          let after = Math.max(0, g.lastSeq - CATCH_UP_EVENTS);
          for (let page = 0; page < 10; page += 1) {
            const answer = await api<{ events: { seq: number }[]; hasMore: boolean; resync: boolean }>(
              server.url,
              'GET',
              `/api/groups/${g.id}/events?after=${after}&limit=${CATCH_UP_PAGE}`,
              member(i).token,
            );
            if (answer.resync) throw new Error(`catch-up in ${g.id} after ${after} asked for a resync`);
            if (answer.events.length) after = answer.events[answer.events.length - 1].seq;
            if (!answer.hasMore) break;
          }
        },
        'my actions': async (i) => void (await get(member(i).token, '/api/me/actions')),
        'group report': async (i) => void (await get(member(i).token, `/api/groups/${groupOf(i).id}/report`)),
        'workspace report': async () => void (await get(adminToken, '/api/report')),
        search: async (i) =>
          void (await get(member(i).token, `/api/search?q=${encodeURIComponent(QUERIES[i % QUERIES.length])}`)),
      };
      for (const read of READS) {
        reads[read] = await measureRead(requests[read]);
        ctx.log(
          `${messages.toLocaleString('en')}: ${read}: p50 ${ms(reads[read].p50)} p99 ${ms(reads[read].p99)} max ${ms(reads[read].max)} (${reads[read].n} requests${reads[read].failures ? `, ${reads[read].failures} failed: ${reads[read].firstFailure}` : ''})`,
        );
      }
      const cpu = await meter.stop();
      return {
        messages,
        spec,
        seeding: dataset.timings,
        seedingMs: dataset.totalMs,
        counts: dataset.counts,
        reads,
        otherCores: cpu.otherMs / cpu.wallMs,
        serverCores: cpu.server / cpu.wallMs,
        dbCores: cpu.db / cpu.wallMs,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await dropDatabase(dbName);
  }
}

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

function record(results: ScaleResult[]): BenchRecord {
  const small = results[0];
  const large = results[results.length - 1];
  const dataGrowth = large.messages / small.messages;
  const rows: Row[] = [];
  const byScale: Cell[][] = [
    [
      'read',
      ...results.flatMap((r) => [`${label(r.messages)} p50`, `${label(r.messages)} p99`]),
      `growth p50 ${label(small.messages)}→${label(large.messages)}`,
      'growth p99',
    ],
  ];
  for (const read of READS) {
    const growth = round((large.reads[read].p50 ?? 0) / (small.reads[read].p50 || 1), 2);
    const growth99 = round((large.reads[read].p99 ?? 0) / (small.reads[read].p99 || 1), 2);
    const failed = results.reduce((n, r) => n + r.reads[read].failures, 0);
    byScale.push([
      failed ? `${read} (${failed} requests failed)` : read,
      ...results.flatMap((r) => [ms(r.reads[read].p50), ms(r.reads[read].p99)]),
      `${growth}×`,
      `${growth99}×`,
    ]);
    if (read === 'search') {
      rows.push(
        {
          metric: `search p95 at ${label(large.messages)} messages`,
          product: ms(large.reads[read].p95),
          target: `≤ ${SEARCH.p95} ms`,
          met: (large.reads[read].p95 ?? Infinity) <= SEARCH.p95,
        },
        {
          metric: `search p99 at ${label(large.messages)} messages`,
          product: ms(large.reads[read].p99),
          target: `≤ ${SEARCH.p99} ms`,
          met: (large.reads[read].p99 ?? Infinity) <= SEARCH.p99 && large.reads[read].failures === 0,
        },
      );
    } else {
      rows.push({
        metric: `${read} p99 at ${label(large.messages)} messages`,
        product: ms(large.reads[read].p99),
        target: `≤ ${P99_LIMIT} ms`,
        met: (large.reads[read].p99 ?? Infinity) <= P99_LIMIT && large.reads[read].failures === 0,
      });
    }
    rows.push({
      metric: `${read}: p50 growth over ${dataGrowth}× the data`,
      product: `${growth}×`,
      target: `≤ ${GROWTH_LIMIT}×`,
      met: (growth ?? Infinity) <= GROWTH_LIMIT,
    });
  }
  const seeding: Cell[][] = [
    ['phase', ...results.map((r) => `${label(r.messages)} (s)`)],
    ...small.seeding.map((phase, i) => [phase.phase, ...results.map((r) => round((r.seeding[i]?.ms ?? 0) / 1000, 1))]),
    ['total', ...results.map((r) => round(r.seedingMs / 1000, 1))],
  ];
  const sizes: Cell[][] = [
    [
      'scale',
      'messages',
      'events',
      'action items',
      'users',
      'groups',
      'memberships',
      'threads',
      'other cores',
      'server cores',
      'db cores',
    ],
    ...results.map((r) => [
      label(r.messages),
      r.counts.messages,
      r.counts.events,
      r.counts.actionItems,
      r.counts.users,
      r.counts.groups,
      r.counts.memberships,
      r.counts.threads,
      round(r.otherCores, 2),
      round(r.serverCores, 2),
      round(r.dbCores, 2),
    ]),
  ];
  const invalidReasons = noiseReasons(results.map((r) => [`the ${label(r.messages)} reads`, r.otherCores]));
  return {
    startedAt: new Date().toISOString(),
    scale: results.map((r) => label(r.messages)).join(', ') + ` messages; ${SAMPLES} requests per read after ${WARMUP}`,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    tables: { 'latency by scale': byScale, 'seeding (COPY, indexes, analyze)': seeding, 'sizes and CPU': sizes },
    notes: [
      `Per 1,000,000 messages: 100,000 action items, 5,000 users, 500 groups of 25 members and 10 threads; a group is the same size at every scale, so growth means a read reaches beyond its group.`,
      `Catch-up is the web client's: pages of ${CATCH_UP_PAGE} after (last seq − ${CATCH_UP_EVENTS}) through GET /api/groups/:id/events until hasMore is false; one sample is the whole catch-up.`,
      `Each read: ${WARMUP} requests to warm up, then ${SAMPLES} one at a time, or fewer (at least ${MIN_SAMPLES}) when they take more than ${BUDGET_MS / 1000} s.`,
      `Growth is the p50's (p99 shown too: on a shared machine it is the noisier figure); limit ${GROWTH_LIMIT}× over ${dataGrowth}× the data.`,
    ],
    details: results,
  };
}

export const benchmark: Benchmark = {
  name: 'datascale',
  description: 'everyday reads at 10k, 100k and 1M messages seeded with COPY (p99 ≤ 50 ms at 1M, growth flat)',
  usersNeeded: () => 0,
  async run(ctx) {
    const scales = ctx.opts.quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000];
    const results: ScaleResult[] = [];
    for (const messages of scales) results.push(await runScale(ctx, messages));
    return record(results);
  },
};
