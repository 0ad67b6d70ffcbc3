import type { PostedMessage } from '../../src/threads/messages.service';
import {
  clientId,
  clusterSuite,
  countBy,
  duplicates,
  errorCauses,
  figure,
  scaled,
  seconds,
  storedMessages,
} from '../support/chaos';
import { Answer, FaultCluster, isUnavailable } from '../support/fault-cluster';
import { sleep } from '../support/sockets';

/**
 * Issue 9, check 3 (first half): the nodes' database connections are terminated (pg_terminate_backend) while
 * messages are being sent over sockets and REST, each retried with its clientId until acknowledged. Nothing is
 * acknowledged that was not committed, each message is stored once, refusals are 503 in the one error shape, and
 * no node crashes.
 */
const MEMBERS = scaled(6, 12);
const SENDS_EACH = scaled(40, 100);
/** Backends are terminated every ~200 ms for this long (or until every send is acknowledged, if sooner). */
const TERMINATE_FOR_MS = scaled(8_000, 20_000);
const TERMINATE_EVERY_MS = 200;

const { run, title } = clusterSuite('reliability: database connections terminated');

run(title, () => {
  const cluster = new FaultCluster();

  beforeAll(() => cluster.start(MEMBERS), 90_000);
  afterAll(() => cluster.stop(), 30_000);

  it('nothing acknowledged is uncommitted, retries create each message once, refusals are 503s', async () => {
    await cluster.settle();
    const { clients, group, faults, checker } = cluster;
    const acked: { body: string; posted: PostedMessage }[] = [];
    const refusals: { via: string; status: number; shapeOk: boolean }[] = [];
    const failures: string[] = [];
    let terminating = true;
    let terminated = 0;
    const started = Date.now();
    const terminator = (async () => {
      while (terminating && Date.now() - started < TERMINATE_FOR_MS) {
        terminated += await faults.terminate();
        await sleep(TERMINATE_EVERY_MS * (0.5 + Math.random()));
      }
    })();
    const sending = Promise.all([
      ...clients.map(async (client, c) => {
        for (let n = 0; n < SENDS_EACH; n += 1) {
          const body = `terminated socket ${c} ${n}`;
          try {
            const delivered = await client.send({ threadId: group.threadId, body, clientId: clientId() });
            delivered.refused.forEach((e) =>
              refusals.push({ via: 'socket', status: e.statusCode, shapeOk: isUnavailable(e) }),
            );
            acked.push({ body, posted: delivered.posted });
          } catch (error) {
            failures.push((error as Error).message);
          }
        }
      }),
      ...cluster.restUsers.map(async (user, u) => {
        for (let n = 0; n < SENDS_EACH; n += 1) {
          const body = `terminated rest ${u} ${n}`;
          const refused: Answer[] = [];
          try {
            acked.push({ body, posted: await cluster.postUntilAcked(user, body, clientId(), refused) });
          } catch (error) {
            failures.push((error as Error).message);
          }
          refused.forEach((a) => refusals.push({ via: 'rest', status: a.status, shapeOk: isUnavailable(a.body) }));
        }
      }),
    ]);
    try {
      await sending;
    } finally {
      terminating = false;
      await terminator;
    }
    const tookMs = Date.now() - started;
    await sleep(500); // the nodes' last log lines on their way

    const stored = await storedMessages(checker, [group.id]);
    const byId = new Map(stored.map((m) => [m.id, m]));
    const notCommitted = acked.filter(({ body, posted }) => {
      const row = byId.get(posted.message.id);
      return row?.body !== body || row.seq !== posted.seq;
    }).length;
    const ours = stored.filter((m) => m.body.startsWith('terminated '));
    const crashed = await cluster.crashes();
    const handshakes = clients.flatMap((c) => c.refusedHandshakes.map((h) => h.replace(/^\S+ /, '')));
    // No answer at all (status 0) is a node that crashed mid-request, counted with the crashes.
    const misreported = refusals.filter((r) => !r.shapeOk && r.status !== 0);
    const sends = (clients.length + cluster.restUsers.length) * SENDS_EACH;

    figure('db terminated: sends acknowledged', `${acked.length} of ${sends} in ${seconds(tookMs)} s`);
    figure('db terminated: backends terminated', `${terminated} over ${seconds(Math.min(tookMs, TERMINATE_FOR_MS))} s`);
    figure('db terminated: acknowledgements for data that was not committed', notCommitted);
    figure('db terminated: duplicate messages', duplicates(ours));
    figure(
      'db terminated: refusals before the acknowledgement, by status',
      JSON.stringify(countBy(refusals.map((r) => `${r.via} ${r.status}`))),
    );
    figure(
      'db terminated: refusals other than 503 in the error shape (not counting a crashed node)',
      `${misreported.length} ${JSON.stringify(countBy(misreported.map((r) => `${r.via} ${r.status}`)))}`,
    );
    figure('db terminated: socket handshakes refused', `${handshakes.length} ${JSON.stringify(countBy(handshakes))}`);
    figure('db terminated: node crashes', crashed);
    figure('db terminated: errors logged by the nodes, by cause', JSON.stringify(errorCauses(cluster.newErrors())));

    expect(failures).toEqual([]);
    expect(notCommitted).toBe(0);
    expect(duplicates(ours)).toBe(0);
    expect(ours).toHaveLength(acked.length);
    expect(crashed).toBe(0);
    expect(misreported).toEqual([]);
  }, 180_000);
});
