/**
 * rest: autocannon (in the generator process) against the product's REST routes and a bare Node http + raw `pg`
 * server doing the same queries: GET /api/health, GET /api/threads/:id/messages?limit=50 and, when the build has
 * the action-items API, PATCH /api/actions/:id. Target: ≥ 0.8 of bare on the database routes, judged on the median
 * of ROUNDS alternating rounds (both servers up throughout), unsteady when the rounds disagree by more than 15%.
 */
import { Client } from 'pg';
import { startGenerator, noiseReasons, round, pct, ms } from './lib/harness';
import { alternate, ratioRow, Round, roundLabel } from './lib/rounds';
import { CpuResult, cpuMeter } from './lib/proc';
import { backendPids } from './lib/db';
import { api, createGroup, createThread } from './lib/workspace';
import { BenchServer, startProduct, startBaseline } from './lib/processes';
import type { HttpResult, PatchScenario } from './lib/generator-protocol';
import type { Benchmark, Cell, Context, Options, Row } from './lib/types';

const TARGET_RATIO = 0.8;
const scale = (opts: Options) =>
  opts.quick ? { durationS: 2, connections: 10, messages: 60 } : { durationS: 5, connections: 10, messages: 60 };
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

type Who = 'product' | 'baseline';
/** One round: every route's result on each side. */
type RestRound = Round<Record<string, RouteResult>, Record<string, RouteResult>>;

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
  let actions: Actions;
  try {
    const server = await startProduct({ databaseUrl, profileDir: ctx.profileDir, label: 'product-rest' });
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

    // Both servers stay up on the same database; the rounds alternate which one autocannon measures (every route,
    // each after its own 1 s warm-up).
    const bare = await startBaseline('bare-http.js', {
      label: 'bare-http',
      env: { DATABASE_URL: databaseUrl },
      profileDir: ctx.profileDir,
    });
    const generator = startGenerator('gen-rest');
    try {
      const measure = async (who: Who, k: number, target: BenchServer): Promise<Record<string, RouteResult>> => {
        const results: Record<string, RouteResult> = {};
        for (const route of routes) {
          const scenario: PatchScenario | undefined = route.patch
            ? { kind: 'patch-actions', items: await versions(databaseUrl, itemIds) }
            : undefined;
          const { path = '', ...options } = route.options;
          const base = { url: `${target.url}${path}`, connections: s.connections, ...options };
          await generator.rpc('http', { options: { ...base, duration: 1 }, scenario }); // warm-up
          const warmScenario: PatchScenario | undefined = route.patch
            ? { kind: 'patch-actions', items: await versions(databaseUrl, itemIds) }
            : undefined;
          const meter = await cpuMeter({
            server: [target.pid],
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
          results[route.name] = r;
          ctx.log(
            `${roundLabel(k, who)} ${route.name}: ${round(r.perSec, 0)} req/s, p50 ${ms(r.latency.p50)} p99 ${ms(r.latency.p99)}, non-2xx ${r.non2xx}, errors ${r.errors}, ` +
              `server ${pct(r.cpu.server / r.cpu.wallMs)} (${round(r.serverCpuUsPerRequest, 0)} µs/req), db ${pct(r.cpu.db / r.cpu.wallMs)}, generator ${pct(r.generatorLoad)}, others ${pct(r.otherLoad)}`,
          );
        }
        return results;
      };
      const rounds = await alternate(
        { product: (k) => measure('product', k, server), baseline: (k) => measure('baseline', k, bare) },
        { log: ctx.log },
      );
      return report(s, routes, rounds, actions);
    } finally {
      await generator.stop();
      await bare.stop();
      await server.stop();
    }
  } finally {
    await drop();
  }
}

function report(s: Scale, routes: Route[], rounds: RestRound[], actions: Actions) {
  const invalidReasons: string[] = [];
  const rows: Row[] = [];
  const detail: Cell[][] = [
    [
      'route',
      'round',
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
  const noise: [string, number][] = [];
  for (const route of routes) {
    const of = (r: RestRound) => ({ p: r.product[route.name], b: r.baseline[route.name] });
    rows.push(
      ratioRow(`${route.name}: req/s`, rounds, (r) => [of(r).p.perSec, of(r).b.perSec], {
        target: route.db ? `≥ ${TARGET_RATIO}` : '',
        test: route.db ? (x) => x >= TARGET_RATIO : undefined,
        format: (v) => round(v, 0),
      }),
    );
    rows.push(
      ratioRow(`${route.name}: p99`, rounds, (r) => [of(r).p.latency.p99, of(r).b.latency.p99], { format: ms }),
    );
    for (const r of rounds) {
      for (const who of r.order) {
        const x = r[who][route.name];
        const label = who === 'product' ? 'product' : 'bare';
        detail.push([
          route.name,
          r.index + 1,
          label,
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
          invalidReasons.push(
            `${roundLabel(r.index, label)} ${route.name}: ${x.non2xx} non-2xx answers, ${x.errors} errors`,
          );
        if (x.generatorLoad > 0.9)
          invalidReasons.push(
            `the generator was saturated (${pct(x.generatorLoad)}) on ${roundLabel(r.index, label)} ${route.name}`,
          );
        noise.push([`${roundLabel(r.index, label)} ${route.name}`, x.otherLoad]);
      }
    }
  }
  invalidReasons.push(...noiseReasons(noise));
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
    scale: `autocannon, ${s.connections} connections, ${s.durationS} s per route after a 1 s warm-up; a page of 50 of ${s.messages} messages; ${rounds.length} rounds alternating product and bare (both servers up throughout)`,
    rounds: rounds.length,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    tables: { Routes: detail },
    notes: [`action items: ${actions.status} — ${actions.note}`],
    details: { rounds, actions },
  };
}

export const benchmark: Benchmark = {
  name: 'rest',
  description: 'REST routes with autocannon: product vs bare http + raw pg',
  usersNeeded: () => 2,
  run,
};
