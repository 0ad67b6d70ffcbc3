/**
 * search: full-text search through GET /api/search over a large workspace (issue 19). Seeds N messages straight
 * into the database (INSERT … SELECT generate_series, Arabic and English text drawn from word lists with common and
 * rare words) over GROUPS groups, with the searching member in SEARCHER_GROUPS of them, and reports the seeding time;
 * then runs 20 typical queries (Arabic and English, one and two words, prefixes, common and rare words) one after
 * another, ROUNDS times each, and reports p50/p95/p99.
 *
 *   npm run bench -- search            PostgreSQL (BENCH_PG_ADMIN_URL), 1,000,000 messages: p95 ≤ 150 ms, p99 ≤ 300 ms
 *   npm run bench -- search-embedded   the embedded default (no DATABASE_URL), 100,000 messages: p99 ≤ 300 ms
 * --quick seeds a tenth. SEARCH_MESSAGES=n overrides the count.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, ClientConfig } from 'pg';
import { ARABIC_WORDS, ENGLISH_WORDS, RARE_WORDS } from './lib/dataset';
import { Histogram, LatencySummary } from './lib/histogram';
import { ms, round } from './lib/harness';
import { startProduct, BenchServer } from './lib/processes';
import { addMembers, api, createGroup, createThread, pool as inParallel, registerConfirmed } from './lib/workspace';
import type { Benchmark, BenchRecord, Cell, Context, Options, Row } from './lib/types';

const GROUPS = 500;
const SEARCHER_GROUPS = 5;
const ROUNDS = 10;
const BATCH = 100_000;

/** Twenty typical queries: common, mid and rare words, bare Arabic forms and variants, stems, prefixes, pairs. */
export const QUERIES = [
  'الهجرة',
  'زراعة',
  'العمال الموسميين',
  'تحويلات',
  'مؤسسه',
  'اطفال',
  'حماية اللاجئين',
  'المهاج',
  'النحالين',
  'الحدود التأشيرات',
  'migration',
  'seasonal workers',
  'season',
  'remit',
  'children education',
  'refugee protection',
  'visa',
  'apiary',
  'labour agreement',
  'integ',
];

interface Seeded {
  messages: number;
  insertMs: number;
  indexMs: number;
  analyzeMs: number;
}

/** Groups, one thread each, and the searcher in SEARCHER_GROUPS of them, through the API. */
async function workspace(
  ctx: Context,
  server: BenchServer,
  adminToken: string,
  searcherId: string,
): Promise<{ groupIds: string[]; threadIds: string[] }> {
  const indices = [...Array(GROUPS).keys()];
  const groupIds = await inParallel(indices, 8, (g) => createGroup(server.url, adminToken, `Search ${g}`), 'groups');
  const threadIds = await inParallel(groupIds, 8, (id) => createThread(server.url, adminToken, id), 'threads');
  const step = Math.floor(GROUPS / SEARCHER_GROUPS);
  await addMembers(
    server.url,
    adminToken,
    [...Array(SEARCHER_GROUPS).keys()].map((k) => ({ groupId: groupIds[k * step], userId: searcherId })),
  );
  ctx.log(`${GROUPS} groups with a thread each; the searcher is a member of ${SEARCHER_GROUPS}`);
  return { groupIds, threadIds };
}

/**
 * N messages in BATCH-sized statements, each message one language, 6 to 23 words, a random group and a time in the
 * last two years. The GIN index is dropped first and built once at the end (faster than keeping it row by row).
 */
async function seed(
  ctx: Context,
  database: ClientConfig,
  n: number,
  groups: { groupIds: string[]; threadIds: string[] },
  authorId: string,
): Promise<Seeded> {
  const c = new Client(database);
  await c.connect();
  try {
    const [{ indexdef }] = (
      await c.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'messages_search_idx'`)
    ).rows;
    await c.query('DROP INDEX messages_search_idx');
    const started = Date.now();
    for (let from = 1; from <= n; from += BATCH) {
      const to = Math.min(n, from + BATCH - 1);
      await c.query(
        `INSERT INTO messages (thread_id, group_id, seq, author_id, body, body_html, created_at)
         SELECT ($2::uuid[])[g.k], ($1::uuid[])[g.k], 1000000 + i, $3, b.body, '<p>seeded</p>',
                now() - random() * interval '730 days'
           FROM generate_series($7::int, $8::int) AS i
          CROSS JOIN LATERAL (SELECT 1 + floor(random() * cardinality($1::uuid[]))::int + 0 * i AS k,
                                     random() < 0.55 AS arabic) AS g
          CROSS JOIN LATERAL (
                SELECT array_to_string(ARRAY(
                         SELECT CASE WHEN g.arabic THEN ($4::text[])[1 + floor(power(random(), 2) * cardinality($4::text[]))::int]
                                     ELSE ($5::text[])[1 + floor(power(random(), 2) * cardinality($5::text[]))::int] END
                           FROM generate_series(1, 6 + (i * 7) % 18)), ' ')
                       || CASE WHEN i % 50 = 0 THEN ' ' || ($6::text[])[1 + (i / 50) % cardinality($6::text[])] ELSE '' END
                       AS body) AS b`,
        [groups.groupIds, groups.threadIds, authorId, ARABIC_WORDS, ENGLISH_WORDS, RARE_WORDS, from, to],
      );
      ctx.log(`seeded ${to.toLocaleString('en')} of ${n.toLocaleString('en')} messages`);
    }
    await c.query('UPDATE working_groups SET last_seq = last_seq + 1000000 + $1::int', [n]);
    // Threads count their messages as the product's writes do (search reads the counts to size a scope).
    await c.query(
      `UPDATE threads t SET message_count = message_count + counted.n
         FROM (SELECT thread_id, count(*) AS n FROM messages GROUP BY thread_id) AS counted
        WHERE counted.thread_id = t.id`,
    );
    const inserted = Date.now();
    await c.query(`SET maintenance_work_mem = '256MB'`);
    await c.query(indexdef);
    const indexed = Date.now();
    await c.query('VACUUM ANALYZE messages');
    // The seed's WAL would otherwise set off a checkpoint in the middle of the measured queries.
    await c.query('CHECKPOINT');
    return { messages: n, insertMs: inserted - started, indexMs: indexed - inserted, analyzeMs: Date.now() - indexed };
  } finally {
    await c.end();
  }
}

interface Measured {
  all: LatencySummary;
  perQuery: { query: string; hits: number; p50: number | null; max: number | null }[];
}

/** Every query once to warm up, then ROUNDS rounds of all of them, one request at a time. */
async function measure(ctx: Context, url: string, token: string, rounds: number): Promise<Measured> {
  const all = new Histogram();
  const each = QUERIES.map(() => new Histogram());
  const hits = QUERIES.map(() => 0);
  const run = async (q: string) =>
    (await api<unknown[]>(url, 'GET', `/api/search?q=${encodeURIComponent(q)}`, token)).length;
  for (const q of QUERIES) await run(q);
  for (let r = 0; r < rounds; r += 1) {
    for (const [i, q] of QUERIES.entries()) {
      const started = performance.now();
      hits[i] = await run(q);
      const elapsed = performance.now() - started;
      all.record(elapsed);
      each[i].record(elapsed);
    }
  }
  const summary = all.summary();
  ctx.log(
    `${QUERIES.length} queries × ${rounds}: p50 ${ms(summary.p50)} p95 ${ms(summary.p95)} p99 ${ms(summary.p99)}`,
  );
  return {
    all: summary,
    perQuery: QUERIES.map((query, i) => {
      const s = each[i].summary();
      return { query, hits: hits[i], p50: s.p50, max: s.max };
    }),
  };
}

function record(
  where: string,
  seeded: Seeded,
  m: Measured,
  targets: { p95?: number; p99: number },
  notes: string[],
): BenchRecord {
  const seedS = (seeded.insertMs + seeded.indexMs + seeded.analyzeMs) / 1000;
  const rows: Row[] = [
    {
      metric: `seeding ${seeded.messages.toLocaleString('en')} messages (${where}): insert + GIN index + analyze, s`,
      product: `${round(seedS, 0)} (${round(seeded.insertMs / 1000, 0)} + ${round(seeded.indexMs / 1000, 0)} + ${round(seeded.analyzeMs / 1000, 0)})`,
    },
    { metric: 'search p50, 20 queries', product: ms(m.all.p50) },
    {
      metric: 'search p95, 20 queries',
      product: ms(m.all.p95),
      ...(targets.p95 ? { target: `≤ ${targets.p95} ms`, met: (m.all.p95 ?? Infinity) <= targets.p95 } : {}),
    },
    {
      metric: 'search p99, 20 queries',
      product: ms(m.all.p99),
      target: `≤ ${targets.p99} ms`,
      met: (m.all.p99 ?? Infinity) <= targets.p99,
    },
    { metric: 'search max', product: ms(m.all.max) },
  ];
  const perQuery: Cell[][] = [
    ['query', 'hits (limit 20)', 'p50', 'max'],
    ...m.perQuery.map((q) => [q.query, q.hits, ms(q.p50), ms(q.max)]),
  ];
  return {
    startedAt: new Date().toISOString(),
    scale: `${seeded.messages} messages, ${GROUPS} groups, searcher in ${SEARCHER_GROUPS}, ${ROUNDS} rounds`,
    valid: true,
    invalidReasons: [],
    rows,
    tables: { 'per query': perQuery },
    notes,
    details: { seeded, measured: m },
  };
}

const count = (opts: Options, full: number) =>
  process.env.SEARCH_MESSAGES ? Number(process.env.SEARCH_MESSAGES) : opts.quick ? full / 10 : full;

export const benchmark: Benchmark = {
  name: 'search',
  description: 'GET /api/search over 1,000,000 seeded messages on PostgreSQL (p95 ≤ 150 ms, p99 ≤ 300 ms)',
  usersNeeded: () => 1,
  async run(ctx) {
    const n = count(ctx.opts, 1_000_000);
    const searcher = ctx.pool.users[0];
    const { databaseUrl, drop } = await ctx.pool.clone('search');
    try {
      const server = await startProduct({ databaseUrl, label: 'product-search', profileDir: ctx.profileDir });
      try {
        const groups = await workspace(ctx, server, ctx.pool.adminUser.token, searcher.id);
        const seeded = await seed(ctx, { connectionString: databaseUrl }, n, groups, ctx.pool.adminUser.id);
        const m = await measure(ctx, server.url, searcher.token, ROUNDS);
        return record('PostgreSQL', seeded, m, { p95: 150, p99: 300 }, []);
      } finally {
        await server.stop();
      }
    } finally {
      await drop();
    }
  },
};

export const embeddedBenchmark: Benchmark = {
  name: 'search-embedded',
  description: 'GET /api/search over 100,000 seeded messages on the embedded default (p99 ≤ 300 ms)',
  usersNeeded: () => 0,
  async run(ctx) {
    const n = count(ctx.opts, 100_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-bench-search-'));
    chmodSync(dataDir, 0o755); // reachable by the postgres account when the bench runs as root
    const server = await startProduct({
      databaseUrl: '',
      label: 'product-search-embedded',
      env: { DATA_DIR: dataDir },
    });
    try {
      const database = { host: join(dataDir, 'run'), user: 'postgres', database: 'tansiq' };
      const register = (i: number) =>
        registerConfirmed(server.url, database, {
          email: `bench-search-${i}@bench.example`,
          displayName: `Bench Search ${i}`,
        });
      const admin = await register(0);
      const searcher = await register(1);
      const groups = await workspace(ctx, server, admin.token, searcher.id);
      const seeded = await seed(ctx, database, n, groups, admin.id);
      const m = await measure(ctx, server.url, searcher.token, ROUNDS);
      return record('embedded', seeded, m, { p99: 300 }, []);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
