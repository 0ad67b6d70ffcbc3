import type { Client } from 'pg';
import { forgetRedisKeys } from '../support/cluster-client';
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
 * Issue 9, check 5: the write limit holds across nodes (and, issue 13 item 7, the per-user budget of socket events
 * and the cap on sockets per user). One user floods message.send through both nodes in turn;
 * the nodes share their counters in Redis, so the user gets the limit accepted in all, not the limit per node.
 */
const LIMIT = 60;
/** Socket events of any kind per user per minute, and open sockets per user (issue 13, item 7). */
const EVENT_LIMIT = 300;
const SOCKET_CAP = 4;
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
    env = nodeEnv(database, {
      WRITE_RATE_LIMIT: String(LIMIT),
      SOCKET_EVENT_RATE_LIMIT: String(EVENT_LIMIT),
      MAX_SOCKETS_PER_USER: String(SOCKET_CAP),
    });
    nodes = await Promise.all([startNode(env), startNode(env)]);
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

  it(`one user's socket events through both nodes share one budget of ${EVENT_LIMIT} a minute`, async () => {
    const group = await groupWithMembers(nodes, 1);
    const [user] = group.members;
    const through = await Promise.all(nodes.map((node) => connect(node.url, user.accessToken)));
    sockets.push(...through);
    const flood = EVENT_LIMIT * 2;
    const answers = await mapLimit(Array.from({ length: flood }), IN_FLIGHT, (_, i) =>
      through[i % 2].timeout(30_000).emitWithAck('presence.get', { groupId: group.id }),
    );
    const accepted = answers.filter((answer) => answer.ok).length;
    const refusedWith = new Set(answers.flatMap((answer) => (answer.ok ? [] : [answer.error.statusCode])));
    figure(
      'socket event limit across nodes: accepted vs limit',
      `${accepted} vs ${EVENT_LIMIT} a minute (${flood} sent)`,
    );
    expect(accepted).toBeLessThanOrEqual(Math.floor(EVENT_LIMIT * (1 + TOLERANCE)));
    expect(accepted).toBeGreaterThanOrEqual(Math.ceil(EVENT_LIMIT * (1 - TOLERANCE)));
    expect([...refusedWith]).toEqual([429]);
  }, 120_000);

  it(`one user gets at most ${SOCKET_CAP} sockets across both nodes`, async () => {
    const [user] = (await groupWithMembers(nodes, 1)).members;
    for (let i = 0; i < SOCKET_CAP; i++) sockets.push(await connect(nodes[i % 2].url, user.accessToken));
    const refusals = await Promise.all(
      nodes.map((node) =>
        connect(node.url, user.accessToken).then(
          (socket) => (sockets.push(socket), null),
          (error: Error & { data?: { statusCode: number } }) => error.data?.statusCode ?? error.message,
        ),
      ),
    );
    figure('socket cap across nodes: extra sockets refused with', refusals.join(', '));
    expect(refusals).toEqual([429, 429]);
  }, 60_000);
});
