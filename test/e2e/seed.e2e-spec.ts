import { Client } from 'pg';
import {
  DEMO_ACCOUNTS,
  DEMO_ACTIONS,
  DEMO_GROUPS,
  DEMO_OPEN_RECOMMENDATION,
  DEMO_ORGANIZATIONS,
  DEMO_PROGRESS,
  DEMO_RECOMMENDATION,
  DEMO_REVIEWED_ACTIONS,
  DEMO_REVIEWED_RECOMMENDATION,
  DEMO_THREADS,
} from '../../src/database/seed/demo-workspace';
import { runCli, startCli } from '../support/cli-process';
import { startServer, stopAllServers } from '../support/server-process';
import { sleep } from '../support/sockets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The rows a demo workspace is made of, counted, with the state of each thread and action item. */
async function snapshot(url: string) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const count = async (table: string) =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    const states = async (table: string) =>
      (await db.query<{ title: string; status: string }>(`SELECT title, status FROM ${table} ORDER BY title`)).rows;
    return {
      users: await count('users'),
      organizations: await count('organizations'),
      groups: await count('working_groups'),
      memberships: await count('memberships'),
      threads: await count('threads'),
      messages: await count('messages'),
      positions: await count('positions'),
      actions: await count('action_items'),
      milestones: await count('action_item_milestones'),
      claims: (
        await db.query<{ state: string; n: number }>(
          'SELECT state, count(*)::int AS n FROM progress_claims GROUP BY state ORDER BY state',
        )
      ).rows,
      reviews: await count('recommendation_reviews'),
      feedEvents: await count('group_events'),
      admins: (await db.query('SELECT email FROM users WHERE is_admin')).rows,
      threadStates: await states('threads'),
      actionStates: await states('action_items'),
    };
  } finally {
    await db.end();
  }
}

/** What demo-workspace.ts describes, as counts: what a complete seed must have made, no more. */
const EXPECTED = {
  users: DEMO_ACCOUNTS.length,
  organizations: DEMO_ORGANIZATIONS.length,
  groups: DEMO_GROUPS.length,
  // Every group's creator (the facilitator) and its listed members.
  memberships: DEMO_GROUPS.reduce((sum, group) => sum + group.members.length + 1, 0),
  // The three recommendations and the review thread the reviewed one's review opened.
  threads: DEMO_THREADS.length + 4,
  // And the review's summary, written by the system in its thread.
  messages: DEMO_THREADS.reduce((sum, thread) => sum + thread.messages.length, 0) + 1,
  positions:
    DEMO_RECOMMENDATION.positions.length +
    DEMO_REVIEWED_RECOMMENDATION.positions.length +
    DEMO_OPEN_RECOMMENDATION.positions.length,
  actions: DEMO_ACTIONS.length + DEMO_REVIEWED_ACTIONS.length,
  milestones: DEMO_PROGRESS.reduce((sum, demo) => sum + demo.milestones.length, 0),
  // Two verified, one returned, two waiting (see DEMO_PROGRESS).
  claims: [
    { state: 'pending', n: 2 },
    { state: 'returned', n: 1 },
    { state: 'verified', n: 2 },
  ],
  reviews: 1,
};

function expectComplete(state: Awaited<ReturnType<typeof snapshot>>): void {
  expect(state).toMatchObject(EXPECTED);
  expect(state.admins).toEqual([{ email: 'admin@tansiq.demo' }]);
  for (const action of DEMO_ACTIONS) {
    expect(state.actionStates).toContainEqual({ title: action.title, status: action.status.at(-1) ?? 'open' });
  }
  expect(state.threadStates).toContainEqual({ title: DEMO_RECOMMENDATION.title, status: 'closed' });
}

/** Starts `node dist/cli.js seed` and kills it (SIGKILL) once it has made its first thread, part way through. */
async function seedUntilKilled(url: string, env: Record<string, string>): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const first = startCli(['seed'], env);
    // Killed once it has made its first thread: groups and accounts done, discussions and actions not yet.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const threads = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM threads').then(
        (result) => result.rows[0].n,
        () => 0, // not migrated yet
      );
      if (threads >= 1) break;
      if (Date.now() > deadline) throw new Error('the seed made no thread within 60 s');
      await sleep(20);
    }
    first.child.kill('SIGKILL');
    await first.done;
  } finally {
    await db.end();
  }
}

/** `node dist/cli.js seed` (run `npx nest build` first) on PostgreSQL, as several nodes and operators run it. */
describe('demo seed', () => {
  const databases: TestDatabase[] = [];
  let clean: Awaited<ReturnType<typeof snapshot>>;

  afterAll(async () => {
    await stopAllServers();
    for (const database of databases) await database.drop();
  });

  it('run twice at once makes one demo workspace, and neither run fails or logs an error', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const runs = await Promise.all([runCli(['seed'], database.env), runCli(['seed'], database.env)]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.lines.filter((line) => Number(line.level) >= 40)).toEqual([]);
      expect(run.lines.at(-1)).toMatchObject({ command: 'seed', password: expect.any(String) });
    }
    // One of them seeded; the other waited for it and found the work done.
    expect(runs.map((run) => run.lines.at(-1)!.seeded).sort()).toEqual([false, true]);
    clean = await snapshot(database.url);
    expectComplete(clean);
  }, 90_000);

  it('killed part way, is completed by the next run to exactly what a clean seed makes', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await seedUntilKilled(database.url, database.env);
    const interrupted = await snapshot(database.url);
    expect(interrupted.actions).toBeLessThan(EXPECTED.actions);

    const second = await runCli(['seed'], database.env);
    expect(second.code).toBe(0);
    expect(second.lines.filter((line) => Number(line.level) >= 40)).toEqual([]);
    expect(second.lines.at(-1)).toMatchObject({ command: 'seed', seeded: true });
    const completed = await snapshot(database.url);
    expectComplete(completed);
    // Nothing done twice: the same rows and the same feed events as the uninterrupted seed.
    expect(completed).toEqual(clean);

    const third = await runCli(['seed'], database.env);
    expect(third.lines.at(-1)).toMatchObject({ command: 'seed', seeded: false });
    expect(await snapshot(database.url)).toEqual(clean);
  }, 120_000);

  it('two nodes started together with SEED_DEMO=true both come up, with one demo workspace', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const env = { ...database.env, SEED_DEMO: 'true', JWT_SECRET: 'n'.repeat(40) };
    // Each is ready once it has printed its banner, which follows its seed (or its wait for the other's).
    const nodes = await Promise.all([startServer(env), startServer(env)]);
    for (const node of nodes) {
      expect((await fetch(`${node.url}/api/health/live`)).status).toBe(200);
      expect(node.output()).not.toContain('"level":50');
    }
    expect(nodes.filter((node) => node.output().includes('Seeded the demo workspace'))).toHaveLength(1);
    expect(await snapshot(database.url)).toEqual(clean);
  }, 120_000);

  it('a node started with SEED_DEMO=true completes a seed that was killed part way', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await seedUntilKilled(database.url, database.env);
    expect((await snapshot(database.url)).actions).toBeLessThan(EXPECTED.actions);
    const node = await startServer({ ...database.env, SEED_DEMO: 'true', JWT_SECRET: 'n'.repeat(40) });
    expect(node.output()).toContain('Seeded the demo workspace');
    expect(await snapshot(database.url)).toEqual(clean);
  }, 120_000);

  it('a node started with SEED_DEMO=true leaves a finished demo as its users changed it', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    expect((await runCli(['seed'], database.env)).code).toBe(0);
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      await db.query('UPDATE working_groups SET name = $1 WHERE name = $2', ['Renamed', DEMO_GROUPS[0].name]);
      await db.query('DELETE FROM threads WHERE title = $1', [DEMO_THREADS[0].title]);
    } finally {
      await db.end();
    }
    const node = await startServer({ ...database.env, SEED_DEMO: 'true', JWT_SECRET: 'n'.repeat(40) });
    expect(node.output()).not.toContain('Seeded the demo workspace');
    const state = await snapshot(database.url);
    expect([state.groups, state.threads]).toEqual([EXPECTED.groups, EXPECTED.threads - 1]);
  }, 120_000);
});
