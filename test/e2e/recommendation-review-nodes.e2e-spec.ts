import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { api, forgetRedisKeys, register, User, clusterEnv } from '../support/cluster-client';
import { PASSWORD } from '../support/factories';
import { ServerProcess, startServer, stopAllServers } from '../support/server-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The done-condition of reviews: two server processes on one PostgreSQL and one Redis run the review at the same
 * moment for the same due recommendation, and it opens once: one review, one thread, one notification per person.
 */
const configured = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const maybe = configured ? describe : describe.skip;
const title = configured
  ? 'recommendation review across nodes'
  : 'recommendation review across nodes (skipped: needs DATABASE_URL and REDIS_URL)';
if (!configured) console.warn(`${title}: set both to run two server processes against them`);

maybe(title, () => {
  let database: TestDatabase | undefined;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let sql: Client;
  const redisPrefix = `t${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = clusterEnv(database, redisPrefix);
    [nodeA, nodeB] = await Promise.all([startServer(env), startServer(env)]);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 90_000);

  afterAll(async () => {
    await sql?.end();
    await stopAllServers();
    await database?.drop();
    await forgetRedisKeys(redisPrefix);
  }, 30_000);

  /** A user of the node made workspace admin in the database, signed in again so the session says so. */
  async function admin(node: ServerProcess): Promise<User> {
    const user = await register(node);
    const [{ email }] = (await sql.query('UPDATE users SET is_admin = true WHERE id = $1 RETURNING email', [user.id]))
      .rows as { email: string }[];
    const body = await api<{ accessToken: string }>(node, 'POST', '/api/auth/login', undefined, {
      email,
      password: PASSWORD,
    });
    return { ...user, accessToken: body.accessToken };
  }

  it('opens one review, one thread and one notification per person asked when both nodes run it at once', async () => {
    const facilitator = await admin(nodeA);
    const [positioned, lead, uninvolved] = await Promise.all([register(nodeA), register(nodeB), register(nodeA)]);
    const group = await api<{ id: string }>(nodeA, 'POST', '/api/groups', facilitator, { name: 'Review group' });
    const organizations: { id: string }[] = [];
    for (const name of ['Ministry of Labour', 'Employers Union', 'Unrelated NGO']) {
      organizations.push(
        await api(nodeA, 'POST', '/api/organizations', facilitator, { name, kind: 'ngo', country: 'IQ' }),
      );
    }
    const people = [positioned, lead, uninvolved];
    for (const [i, user] of people.entries()) {
      await api(nodeA, 'PATCH', `/api/users/${user.id}/organization`, facilitator, {
        organizationId: organizations[i].id,
      });
      await api(nodeA, 'POST', `/api/groups/${group.id}/members`, facilitator, { userId: user.id, role: 'member' });
    }
    const recommendation = await api<{ id: string }>(nodeA, 'POST', `/api/groups/${group.id}/threads`, facilitator, {
      kind: 'recommendation',
      title: 'Recognise foreign qualifications',
      proposal: 'One procedure.',
    });
    await api(nodeB, 'PUT', `/api/threads/${recommendation.id}/positions`, positioned, { position: 'endorse' });
    const today = new Date().toISOString().slice(0, 10);
    await api(nodeA, 'POST', `/api/threads/${recommendation.id}/outcome`, facilitator, {
      outcome: 'adopted',
      statement: 'Adopted.',
      reviewDate: today,
    });
    await api(nodeA, 'POST', `/api/groups/${group.id}/actions`, facilitator, {
      title: 'Draft the procedure',
      sourceType: 'recommendation',
      sourceId: recommendation.id,
      leadOrganizationId: organizations[1].id,
    });

    // Several runs on each node, all sent at once: whichever transactions overlap, one claim wins.
    const runs = await Promise.all(
      [nodeA, nodeB, nodeA, nodeB, nodeA, nodeB].map((node) =>
        api<{ opened: number }>(node, 'POST', '/api/admin/reviews/run', facilitator),
      ),
    );
    expect(runs.reduce((sum, run) => sum + run.opened, 0)).toBe(1);

    const reviews = await sql.query(
      'SELECT review_thread_id FROM recommendation_reviews WHERE recommendation_id = $1',
      [recommendation.id],
    );
    expect(reviews.rows).toHaveLength(1);
    const threads = await sql.query(`SELECT id FROM threads WHERE group_id = $1 AND kind = 'discussion'`, [group.id]);
    expect(threads.rows).toEqual([{ id: reviews.rows[0].review_thread_id }]);
    const notified = await sql.query(
      `SELECT user_id, count(*)::int AS n FROM notifications WHERE type = 'recommendation.review' GROUP BY user_id`,
    );
    expect(new Map(notified.rows.map((row: { user_id: string; n: number }) => [row.user_id, row.n]))).toEqual(
      new Map([
        [positioned.id, 1],
        [lead.id, 1],
      ]),
    );
  }, 60_000);
});
