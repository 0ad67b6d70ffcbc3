import { randomBytes } from 'node:crypto';
import type { FeedEvent } from '../../src/events/events';
import {
  api,
  FailoverClient,
  forgetRedisKeys,
  inRooms,
  range,
  setupGroup,
  Writer,
  clusterEnv,
} from '../support/cluster-client';
import { ServerProcess, startServer, stopAllServers } from '../support/server-process';
import { connected, openSocket, TestSocket, waitFor } from '../support/sockets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Two real server processes on one PostgreSQL and one Redis, as behind the load balancer: a write on one node
 * reaches sockets on the other, and a client whose node dies fails over to the survivor and catches up by seq.
 */
const configured = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const maybe = configured ? describe : describe.skip;
const title = configured ? 'multi-node' : 'multi-node (skipped: needs DATABASE_URL and REDIS_URL)';
if (!configured) console.warn(`${title}: set both to run two server processes against them`);

maybe(title, () => {
  let database: TestDatabase | undefined;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  const redisPrefix = `t${randomBytes(4).toString('hex')}:`;
  const sockets: TestSocket[] = [];
  const track = (socket: TestSocket) => (sockets.push(socket), socket);

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = clusterEnv(database, redisPrefix);
    // Started together, so both apply migrations at once and the advisory lock has to serialize them.
    [nodeA, nodeB] = await Promise.all([startServer(env), startServer(env)]);
  }, 90_000);

  afterEach(() => sockets.splice(0).forEach((socket) => socket.close()));

  afterAll(async () => {
    sockets.splice(0).forEach((socket) => socket.close());
    await stopAllServers();
    await database?.drop();
    await forgetRedisKeys(redisPrefix);
  }, 30_000);

  it('delivers a change written through node B to a member connected to node A within 2 s', async () => {
    const { group, facilitator, member } = await setupGroup(nodeB);
    // Listening before the handshake: the announcement can come in the same read as the connect packet.
    const socket = track(openSocket(nodeA.url, member.accessToken));
    const events: FeedEvent[] = [];
    socket.on('event', (event) => events.push(event));
    const joined = inRooms(socket, member);
    await connected(socket);
    await joined;

    const writtenAt = Date.now();
    const updated = await api<{ lastSeq: number }>(nodeB, 'PATCH', `/api/groups/${group.id}`, facilitator, {
      purpose: 'Written on B',
    });
    await waitFor(() => events.some((e) => e.type === 'group.updated'), 2000, 'the group.updated event on node A');
    console.log(`multi-node: a write on node B reached a socket on node A in ${Date.now() - writtenAt} ms`);

    expect(events.filter((e) => e.type === 'group.updated')).toEqual([
      expect.objectContaining({
        groupId: group.id,
        type: 'group.updated',
        seq: updated.lastSeq,
        data: expect.objectContaining({ purpose: 'Written on B' }),
      }),
    ]);
  });

  it('a client whose node is killed fails over to the other node and ends with every seq once, in order', async () => {
    const { group, facilitator, member } = await setupGroup(nodeB);
    const client = new FailoverClient([nodeA.url, nodeB.url], member.accessToken, group.id);
    await waitFor(() => client.connectedTo === nodeA.url && !client.syncing, 5000, 'the client on node A');

    const writer = new Writer(nodeB, facilitator, group.id);
    const writing = writer.run();
    try {
      await writer.until(() => client.liveFrom(nodeA.url) >= 5, 5000, 'live events on node A');
      const appliedBeforeKill = client.replica.last;
      const killedAt = Date.now();
      await nodeA.kill('SIGKILL');
      await writer.until(() => client.connectedTo === nodeB.url, 10_000, 'the client on node B');
      const reconnectedAt = Date.now();
      await writer.until(() => client.syncs.some((s) => s.url === nodeB.url), 5000, 'the catch-up on node B');
      const caughtUpAt = Date.now();
      await writer.until(() => client.liveFrom(nodeB.url) >= 20, 10_000, 'live events on node B after the catch-up');
      writer.stop();
      await writing;
      // Not an assertion itself: the expectation on the applied seqs below shows what is missing, if anything.
      await waitFor(() => client.replica.last === writer.lastSeq, 5000).catch(() => undefined);

      const failoverCatchUp = client.syncs.find((s) => s.url === nodeB.url);
      const missed = failoverCatchUp?.seqs.length ?? 0;
      console.log(
        [
          'multi-node failover:',
          `disconnect noticed ${client.disconnects[0].at - killedAt} ms after SIGKILL,`,
          `connected to node B after ${reconnectedAt - killedAt} ms, caught up after ${caughtUpAt - killedAt} ms;`,
          `${writer.writes.length} changes in all (seq ${writer.firstSeq}..${writer.lastSeq}),`,
          `${missed} recovered by the failover catch-up (after seq ${failoverCatchUp?.after}, last applied before the kill ${appliedBeforeKill}),`,
          `${client.liveFrom(nodeA.url)} live on node A, ${client.liveFrom(nodeB.url)} live on node B,`,
          `${client.replica.duplicates} duplicates dropped, ${client.syncs.length} syncs,`,
          `disconnects: ${client.disconnects.map((d) => `${d.url === nodeA.url ? 'A' : 'B'} ${d.reason} at +${d.at - killedAt} ms`).join('; ')}`,
        ].join(' '),
      );

      expect(writer.failure).toBeUndefined();
      expect(client.errors).toEqual([]);
      // Every catch-up answer is itself contiguous: it starts right after the cursor and repeats nothing.
      for (const sync of client.syncs) {
        expect(sync).toMatchObject({ resync: false });
        expect(sync.seqs).toEqual(range(sync.after + 1, sync.seqs.length));
      }
      // Changes kept coming while the client was away, and the catch-up on node B brought them back.
      expect(missed).toBeGreaterThan(0);
      // The client left node A once, because it died, and node B kept it from then on.
      expect(client.disconnects.map((d) => d.url)).toEqual([nodeA.url]);
      // Every seq from the first, exactly once, in order, carrying what was written at that seq.
      expect(client.replica.applied.map((e) => e.seq)).toEqual(range(1, writer.lastSeq));
      for (const write of writer.writes) {
        expect(client.replica.applied[write.seq - 1]).toMatchObject({
          type: 'group.updated',
          data: expect.objectContaining({ purpose: write.purpose }),
        });
      }
    } finally {
      writer.stop();
      await writing;
      client.close();
    }
  }, 60_000);
});
