import type { Client } from 'pg';
import { forgetRedisKeys } from '../support/cluster-client';
import { ChaosClient, Delivered } from '../support/chaos-client';
import {
  clientId,
  clusterSuite,
  countBy,
  duplicates,
  feedGaps,
  figure,
  groupWithMembers,
  GroupWithThread,
  healthStatus,
  NodeLog,
  mapLimit,
  nodeEnv,
  openDatabase,
  scaled,
  seconds,
  spread,
  startNode,
  storedMessages,
} from '../support/chaos';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { sleep, waitFor } from '../support/sockets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Issue 9, check 1: clients across two nodes keep sending while one node is SIGKILLed and restarted. Every
 * acknowledged message ends up, once, in every member's view after catch-up, and every client is back within 30 s.
 */
const CLIENTS = scaled(40, 200);
const MESSAGES = scaled(600, 5000);
const GROUPS = scaled(4, 10);
/**
 * Each client's pause between one acknowledgement and its next send: spreads the run over the kill and restart,
 * at a rate (about 100 and 130 messages a second) two nodes on two shared cores keep up with, so the figures
 * measure the failover rather than a queue.
 */
const SEND_EVERY_MS = scaled(400, 1500);
const RECONNECT_WITHIN_MS = 30_000;

const { run, title } = clusterSuite('reliability: a node killed mid-run');

run(title, () => {
  let database: TestDatabase | undefined;
  let db: Client | undefined;
  let env: Record<string, string>;
  const nodes: ServerProcess[] = [];
  const logs: NodeLog[] = [];
  const clients: ChaosClient[] = [];
  let stopping = false;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = nodeEnv(database);
    nodes.push(...(await Promise.all([startNode(env), startNode(env)])));
    logs.push(...nodes.map((node) => new NodeLog(node)));
    logs[1].reportCrash('node B', () => stopping);
    db = await openDatabase(database);
  }, 90_000);

  afterAll(async () => {
    stopping = true;
    clients.forEach((client) => client.close());
    await stopAllServers();
    await db?.end();
    await database?.drop();
    if (env) await forgetRedisKeys(env.REDIS_PREFIX);
  }, 30_000);

  it(`${CLIENTS} clients sending ${MESSAGES} messages lose and duplicate none when a node is killed and restarted`, async () => {
    const perGroup = Math.ceil(CLIENTS / GROUPS);
    const groups: GroupWithThread[] = await mapLimit(Array.from({ length: GROUPS }), 2, (_, i) =>
      groupWithMembers(i % 2 ? [nodes[1], nodes[0]] : nodes, Math.min(perGroup, CLIENTS - i * perGroup)),
    );
    // Node slots as the load balancer sees them; the restarted node takes slot 0's new URL.
    const slots = nodes.map((node) => node.url);
    const members = groups.flatMap((group) => group.members.map((member) => ({ group, member })));
    members.forEach(({ group, member }, i) =>
      clients.push(new ChaosClient(() => slots, member.accessToken, group.id, i % 2)),
    );
    await waitFor(() => clients.every((c) => c.caughtUp.length > 0), 30_000, 'every client connected and caught up');
    const onKilledNode = clients.filter((c) => c.url === slots[0]);

    const acked: { groupId: string; body: string; delivered: Delivered }[] = [];
    const failures: string[] = [];
    const started = Date.now();
    const sending = Promise.all(
      clients.map(async (client, i) => {
        const { group } = members[i];
        const count = Math.floor(MESSAGES / CLIENTS) + (i < MESSAGES % CLIENTS ? 1 : 0);
        for (let n = 0; n < count; n += 1) {
          const body = `client ${i} message ${n}`;
          try {
            const delivered = await client.send({ threadId: group.threadId, body, clientId: clientId() });
            acked.push({ groupId: group.id, body, delivered });
          } catch (error) {
            failures.push((error as Error).message);
          }
          await sleep(SEND_EVERY_MS * (0.5 + Math.random()));
        }
      }),
    );

    await waitFor(() => acked.length >= MESSAGES / 3, 120_000, 'a third of the messages acknowledged');
    const killedAt = Date.now();
    const ackedAtKill = acked.length;
    await nodes[0].kill('SIGKILL');
    const restarted = await startNode(env);
    logs.push(new NodeLog(restarted));
    logs[2].reportCrash('node A (restarted)', () => stopping);
    slots[0] = restarted.url;
    const restartedAt = Date.now();
    const ackedAtRestart = acked.length;
    await sending;
    const sentFor = Date.now() - started;

    const groupIds = groups.map((g) => g.id);
    const feeds = await feedGaps(db!, groupIds);
    await Promise.all(clients.map((client) => client.catchUpTo(feeds.get(client.groupId)!.lastSeq, 60_000)));

    const stored = await storedMessages(db!, groupIds);
    const storedIds = new Set(stored.map((m) => m.id));
    const notCommitted = acked.filter(({ delivered }) => !storedIds.has(delivered.posted.message.id)).length;
    let missing = 0;
    for (const client of clients) {
      for (const { delivered } of acked.filter((a) => a.groupId === client.groupId)) {
        const event = client.replica.applied[delivered.posted.seq - 1];
        if (event?.type !== 'message.created' || (event.data as { id: string }).id !== delivered.posted.message.id)
          missing += 1;
      }
    }
    const feedGapCount = [...feeds.values()].reduce((sum, f) => sum + f.gaps, 0);
    const replicaGaps = clients.filter((c) => c.replica.last !== feeds.get(c.groupId)!.lastSeq).length;
    // The killed node's clients, each with the moment the kill cut it off.
    const dropped = onKilledNode.flatMap((c) => {
      const cut = c.disconnections.find((d) => d.at >= killedAt);
      return cut ? [{ client: c, cut }] : [];
    });
    const caughtUpMs = dropped.map(
      ({ client, cut }) => (client.caughtUp.find((s) => s.at > cut.at)?.at ?? Infinity) - cut.at,
    );
    const connectedMs = dropped.map(
      ({ client, cut }) => (client.connections.find((s) => s.at > cut.at)?.at ?? Infinity) - cut.at,
    );
    const back = caughtUpMs.filter((ms) => ms <= RECONNECT_WITHIN_MS).length;
    const failedSyncs = clients.flatMap((c) => c.failedSyncs.map((f) => f.replace(/seq \d+/, 'seq n')));
    const cuts = new Set(dropped.map(({ cut }) => cut));
    const otherDisconnects = clients.flatMap((c) => c.disconnections.filter((d) => !cuts.has(d)).map((d) => d.reason));
    const retried = acked.filter((a) => a.delivered.attempts > 1);
    const refusals = acked.flatMap((a) => a.delivered.refused.map((r) => r.statusCode));

    figure('node kill: messages acknowledged', `${acked.length} of ${MESSAGES} in ${seconds(sentFor)} s`);
    figure('node kill: acknowledged messages missing from a member view after catch-up', missing);
    figure('node kill: acknowledged messages not in the database', notCommitted);
    figure('node kill: duplicate messages', duplicates(stored));
    figure('node kill: per-group seq gaps', feedGapCount + replicaGaps);
    figure(
      'node kill: clients reconnected within 30 s',
      `${dropped.length ? ((100 * back) / dropped.length).toFixed(0) : 'n/a'}% (${back} of ${dropped.length})`,
    );
    figure('node kill: from the kill to connected again, slowest', spread(connectedMs));
    figure('node kill: from the kill to caught up again, slowest', spread(caughtUpMs));
    figure('node kill: failed catch-ups, by reason', JSON.stringify(countBy(failedSyncs)));
    figure(
      'node kill: timeline',
      `killed after ${ackedAtKill} acks, restarted ${seconds(restartedAt - killedAt)} s later after ${ackedAtRestart} acks`,
    );
    figure(
      'node kill: sends retried with the same clientId',
      `${retried.length} (refusals ${JSON.stringify(countBy(refusals))}, unanswered emits ${clients.reduce((s, c) => s + c.unanswered, 0)})`,
    );
    figure(
      'node kill: other disconnects, by reason',
      `${otherDisconnects.length} ${JSON.stringify(countBy(otherDisconnects))}`,
    );
    const healthy = await Promise.all([nodes[1], restarted].map((node) => healthStatus(node)));
    figure('node kill: /api/health of the surviving and the restarted node', healthy.join(', '));
    const errors = logs.slice(1).flatMap((log) => log.errors());
    figure('node kill: errors logged by the surviving and restarted nodes', errors.length);
    if (errors.length) console.log(errors.slice(0, 5).join('\n'));

    expect(failures).toEqual([]);
    expect(acked).toHaveLength(MESSAGES);
    expect(missing).toBe(0);
    expect(notCommitted).toBe(0);
    expect(duplicates(stored)).toBe(0);
    expect(stored).toHaveLength(MESSAGES);
    expect(feedGapCount + replicaGaps).toBe(0);
    expect(dropped.length).toBeGreaterThan(0);
    expect(back).toBe(dropped.length);
    expect(healthy).toEqual([200, 200]);
  }, 300_000);
});
