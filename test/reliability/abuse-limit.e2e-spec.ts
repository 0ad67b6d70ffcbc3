import type { Client } from 'pg';
import { forgetRedisKeys, register } from '../support/cluster-client';
import {
  clientId,
  clusterSuite,
  figure,
  groupWithMembers,
  mapLimit,
  nodeEnv,
  openDatabase,
  scaled,
  seconds,
  startNode,
} from '../support/chaos';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { connect, TestSocket } from '../support/sockets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Issue 9, check 5: the write limit holds across nodes. One user floods message.send through both nodes in turn;
 * the nodes share their counters in Redis, so the user gets the limit accepted in all, not the limit per node.
 */
const LIMIT = 60;
const FLOOD = scaled(240, 600);
const IN_FLIGHT = 8;
const TOLERANCE = 0.1;

const { run, title } = clusterSuite('reliability: write limit across nodes');

run(title, () => {
  let database: TestDatabase | undefined;
  let db: Client | undefined;
  let env: Record<string, string>;
  let nodes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    env = nodeEnv(database, { WRITE_RATE_LIMIT: String(LIMIT) });
    nodes = await Promise.all([startNode(env), startNode(env)]);
    await register(nodes[1]); // the workspace admin, out of the way
    db = await openDatabase(database);
  }, 90_000);

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await stopAllServers();
    await db?.end();
    await database?.drop();
    if (env) await forgetRedisKeys(env.REDIS_PREFIX);
  }, 30_000);

  it(`one user flooding ${FLOOD} sends through both nodes gets at most ${LIMIT} a minute accepted in all`, async () => {
    const group = await groupWithMembers(nodes, 2);
    const [flooder, bystander] = group.members;
    const through = await Promise.all(nodes.map((node) => connect(node.url, flooder.accessToken)));
    sockets.push(...through);

    const started = Date.now();
    const answers = await mapLimit(Array.from({ length: FLOOD }), IN_FLIGHT, (_, i) =>
      through[i % 2]
        .timeout(30_000)
        .emitWithAck('message.send', { threadId: group.threadId, body: `flood ${i}`, clientId: clientId() }),
    );
    const tookMs = Date.now() - started;
    const accepted = answers.filter((answer) => answer.ok).length;
    const acceptedPerNode = [0, 1].map((n) => answers.filter((answer, i) => answer.ok && i % 2 === n).length);
    const refusedWith = new Set(answers.flatMap((answer) => (answer.ok ? [] : [answer.error.statusCode])));
    const { rows } = await db!.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM messages WHERE thread_id = $1 AND author_id = $2',
      [group.threadId, flooder.id],
    );
    // The limit is the flooder's own: another member of the group still gets through, on either node.
    const others = await Promise.all(
      nodes.map(async (node) => {
        const socket = await connect(node.url, bystander.accessToken);
        sockets.push(socket);
        return socket
          .timeout(10_000)
          .emitWithAck('message.send', { threadId: group.threadId, body: 'not me', clientId: clientId() });
      }),
    );

    figure(
      'write limit across nodes: accepted vs limit',
      `${accepted} vs ${LIMIT} a minute (node A ${acceptedPerNode[0]}, node B ${acceptedPerNode[1]}; ${FLOOD} sent in ${seconds(tookMs)} s)`,
    );
    figure('write limit across nodes: refusals answered with', [...refusedWith].join(', '));
    figure('write limit across nodes: rows stored for the flooder', rows[0].n);

    expect(accepted).toBeLessThanOrEqual(Math.floor(LIMIT * (1 + TOLERANCE)));
    expect(accepted).toBeGreaterThanOrEqual(Math.ceil(LIMIT * (1 - TOLERANCE)));
    expect([...refusedWith]).toEqual([429]);
    expect(rows[0].n).toBe(accepted);
    expect(others.map((answer) => answer.ok)).toEqual([true, true]);
  }, 120_000);
});
