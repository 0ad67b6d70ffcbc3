/**
 * rest: autocannon (in the generator process) against the product's REST routes and a bare Node http + raw `pg`
 * server doing the same queries: GET /api/health, GET /api/threads/:id/messages?limit=50 and, when the build has
 * the action-items API, PATCH /api/actions/:id. Target: ≥ 0.8 of bare on the database routes.
 */
import { Client } from 'pg';
import { startGenerator, noiseReasons, round, pct, ms, ratio } from './lib/harness';
import { CpuResult, cpuMeter } from './lib/proc';
import { backendPids } from './lib/db';
import { api, createGroup, createThread } from './lib/workspace';
import { startProduct, startBaseline } from './lib/processes';
import type { HttpResult, PatchScenario } from './lib/generator-protocol';
import type { Benchmark, Cell, Context, Options, Row } from './lib/types';

const TARGET_RATIO = 0.8;
const scale = (opts: Options) =>
  opts.quick ? { durationS: 3, connections: 10, messages: 60 } : { durationS: 5, connections: 10, messages: 60 };
type Scale = ReturnType<typeof scale>;

interface Route {
  name: string;
  /** A database route: the target applies. */
  db: boolean;
  patch?: boolean;
  options: { path?: string; method?: string; headers?: Record<string, string> };
}

/** One route's autocannon result with the CPU measured meanwhile. */
type RouteResult = HttpResult & {
  cpu: CpuResult;
  perSec: number;
  total: number;
  generatorLoad: number;
  serverCpuUsPerRequest: number;
  dbCpuUsPerRequest: number;
  otherLoad: number;
};

interface Out {
  product: Record<string, RouteResult>;
  baseline: Record<string, RouteResult>;
}

interface Actions {
  status: 'pending' | 'measured';
  note: string;
}

async function versions(databaseUrl: string, ids: string[]): Promise<PatchScenario['items']> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: string; version: string }>(
      'SELECT id, version FROM action_items WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return rows.map((r) => ({ id: r.id, version: Number(r.version) }));
  } finally {
    await c.end();
  }
}

async function run(ctx: Context) {
  const s = scale(ctx.opts);
  const [member, facilitator] = ctx.pool.users;
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('rest');
  const out: Out = { product: {}, baseline: {} };
  let actions: Actions;
  try {
    let server = await startProduct({ databaseUrl, profileDir: ctx.profileDir, label: 'product-rest' });
    const groupId = await createGroup(server.url, facilitator.token, 'REST group');
    await api(server.url, 'POST', `/api/groups/${groupId}/members`, facilitator.token, {
      userId: member.id,
      role: 'member',
    });
    const threadId = await createThread(server.url, facilitator.token, groupId);
    for (let i = 0; i < s.messages; i += 1) {
      await api(server.url, 'POST', `/api/threads/${threadId}/messages`, member.token, {
        body: `Message **${i}** with a [link](https://example.org/${i}) and some text to render.`,
      });
    }
    // The action-items API is being built meanwhile: measured only when this build serves it.
    const docs = await api<{ paths?: Record<string, { patch?: unknown }> }>(server.url, 'GET', '/api/docs-json', null);
    const patchPath = Object.keys(docs.paths ?? {}).find(
      (p) => /^\/api\/actions\/\{[^}]+\}$/.test(p) && docs.paths?.[p].patch,
    );
    let itemIds: string[] = [];
    if (patchPath) {
      try {
        for (let i = 0; i < s.connections; i += 1) {
          const item = await api<{ id: string }>(
            server.url,
            'POST',
            `/api/groups/${groupId}/actions`,
            facilitator.token,
            {
              title: `Bench action ${i}`,
            },
          );
          itemIds.push(item.id);
        }
        actions = { status: 'measured', note: `PATCH ${patchPath} found in /api/docs-json` };
      } catch (error) {
        actions = {
          status: 'pending',
          note: `PATCH ${patchPath} is listed but creating items failed: ${(error as Error).message.slice(0, 200)}`,
        };
        itemIds = [];
      }
    } else {
      actions = { status: 'pending', note: 'PATCH /api/actions/{actionId} is not in /api/docs-json of this build' };
    }
    ctx.log(`action items: ${actions.status} (${actions.note})`);

    const routes: Route[] = [
      { name: 'GET /api/health', db: false, options: { path: '/api/health' } },
      {
        name: 'GET /api/threads/:id/messages?limit=50',
        db: true,
        options: {
          path: `/api/threads/${threadId}/messages?limit=50`,
          headers: { authorization: `Bearer ${member.token}` },
        },
      },
    ];
    if (itemIds.length) {
      routes.push({
        name: 'PATCH /api/actions/:id (title)',
        db: true,
        patch: true,
        options: {
          method: 'PATCH',
          headers: { authorization: `Bearer ${facilitator.token}`, 'content-type': 'application/json' },
        },
      });
    }

    const generator = startGenerator('gen-rest');
    for (const who of ['product', 'baseline'] as const) {
      if (who === 'baseline') {
        server = await startBaseline('bare-http.js', {
          label: 'bare-http',
          env: { DATABASE_URL: databaseUrl },
          profileDir: ctx.profileDir,
        });
      }
      for (const route of routes) {
        const scenario: PatchScenario | undefined = route.patch
          ? { kind: 'patch-actions', items: await versions(databaseUrl, itemIds) }
          : undefined;
        const { path = '', ...options } = route.options;
        const base = { url: `${server.url}${path}`, connections: s.connections, ...options };
        await generator.rpc('http', { options: { ...base, duration: 1 }, scenario }); // warm-up
        const warmScenario: PatchScenario | undefined = route.patch
          ? { kind: 'patch-actions', items: await versions(databaseUrl, itemIds) }
          : undefined;
        const meter = await cpuMeter({
          server: [server.pid],
          db: () => backendPids(dbName),
          generator: [generator.pid],
        });
        const result = await generator.rpc<HttpResult>('http', {
          options: { ...base, duration: s.durationS },
          scenario: warmScenario,
        });
        const cpu = await meter.stop();
        const total = result.requests.total;
        const r: RouteResult = {
          ...result,
          cpu,
          perSec: result.requests.average,
          total,
          generatorLoad: result.generator.cpuMs / result.generator.wallMs,
          serverCpuUsPerRequest: (cpu.server * 1000) / total,
          dbCpuUsPerRequest: (cpu.db * 1000) / total,
          otherLoad: cpu.otherMs / cpu.wallMs,
        };
        out[who][route.name] = r;
        ctx.log(
          `${who} ${route.name}: ${round(r.perSec, 0)} req/s, p50 ${ms(r.latency.p50)} p99 ${ms(r.latency.p99)}, non-2xx ${r.non2xx}, errors ${r.errors}, ` +
            `server ${pct(r.cpu.server / r.cpu.wallMs)} (${round(r.serverCpuUsPerRequest, 0)} µs/req), db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
        );
      }
      await server.stop();
    }
    await generator.stop();
    return report(s, routes, out, actions);
  } finally {
    await drop();
  }
}

function report(s: Scale, routes: Route[], out: Out, actions: Actions) {
  const invalidReasons: string[] = [];
  const rows: Row[] = [];
  const detail: Cell[][] = [
    [
      'route',
      'target',
      'req/s',
      'p50',
      'p99',
      'p99.9',
      'max',
      'server µs/req',
      'db µs/req',
      'non-2xx',
      'generator CPU',
      'other CPU',
    ],
  ];
  for (const route of routes) {
    const p = out.product[route.name];
    const b = out.baseline[route.name];
    const r = ratio(p.perSec, b.perSec);
    rows.push({
      metric: `${route.name}: req/s`,
      product: round(p.perSec, 0),
      baseline: round(b.perSec, 0),
      ratio: r,
      target: route.db ? `≥ ${TARGET_RATIO}` : '',
      met: route.db ? r !== null && r >= TARGET_RATIO : null,
    });
    rows.push({
      metric: `${route.name}: p99`,
      product: ms(p.latency.p99),
      baseline: ms(b.latency.p99),
      ratio: ratio(p.latency.p99, b.latency.p99),
    });
    for (const [who, x] of [
      ['product', p],
      ['bare', b],
    ] as const) {
      detail.push([
        route.name,
        who,
        round(x.perSec, 0),
        ms(x.latency.p50),
        ms(x.latency.p99),
        ms(x.latency.p99_9),
        ms(x.latency.max),
        round(x.serverCpuUsPerRequest, 0),
        round(x.dbCpuUsPerRequest, 0),
        x.non2xx,
        pct(x.generatorLoad),
        pct(x.otherLoad),
      ]);
      if (x.non2xx || x.errors)
        invalidReasons.push(`${who} ${route.name}: ${x.non2xx} non-2xx answers, ${x.errors} errors`);
      if (x.generatorLoad > 0.9)
        invalidReasons.push(`the generator was saturated (${pct(x.generatorLoad)}) on ${who} ${route.name}`);
    }
  }
  invalidReasons.push(
    ...noiseReasons(
      routes.flatMap((route): [string, number][] => [
        [`product ${route.name}`, out.product[route.name].otherLoad],
        [`bare ${route.name}`, out.baseline[route.name].otherLoad],
      ]),
    ),
  );
  if (actions.status !== 'measured')
    rows.push({
      metric: 'PATCH /api/actions/:id',
      product: 'pending',
      baseline: '–',
      target: `≥ ${TARGET_RATIO}`,
      met: null,
    });
  return {
    startedAt: new Date().toISOString(),
    scale: `autocannon, ${s.connections} connections, ${s.durationS} s per route after a 1 s warm-up; a page of 50 of ${s.messages} messages`,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    tables: { Routes: detail },
    notes: [`action items: ${actions.status} — ${actions.note}`],
    details: { product: out.product, baseline: out.baseline, actions },
  };
}

export const benchmark: Benchmark = {
  name: 'rest',
  description: 'REST routes with autocannon: product vs bare http + raw pg',
  usersNeeded: () => 2,
  run,
};
