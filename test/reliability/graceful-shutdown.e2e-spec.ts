import { register, setupGroup } from '../support/cluster-client';
import { clusterSuite, figure, nodeEnv, scaled, startNode } from '../support/chaos';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { connect, waitFor } from '../support/sockets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * SIGTERM with requests in flight, as a deploy or a scale-down sends it: every request the node accepted is
 * answered (its result or a 503 that says the node is leaving), none is reset, the sockets are told why and
 * disconnected, and the process exits on its own well within the 10 s a supervisor waits.
 */
const IN_FLIGHT = scaled(200, 400);
const EXIT_WITHIN_MS = 10_000;

const { run, title } = clusterSuite('reliability: graceful shutdown');

run(title, () => {
  let database: TestDatabase | undefined;
  let node: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    node = await startNode(nodeEnv(database, { LOG_LEVEL: 'info' }));
  }, 60_000);

  afterAll(async () => {
    await stopAllServers();
    await database?.drop();
  });

  it(`answers all ${IN_FLIGHT} requests in flight at SIGTERM (2xx or 503, none reset), sends sockets away and exits in time`, async () => {
    const { group, member } = await setupGroup(node);
    const watcher = await register(node);
    const socket = await connect(node.url, watcher.accessToken);
    const notices: string[] = [];
    const reasons: string[] = [];
    socket.on('server.shutdown', (notice) => notices.push(notice.code));
    socket.on('disconnect', (reason) => reasons.push(reason));

    // All of it: the kept tail of the output is too short once every request is logged at info level.
    let log = '';
    node.process.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    node.process.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));

    // Reads and writes that touch the database, all started before the signal.
    const requests = Array.from({ length: IN_FLIGHT }, (_, i) =>
      fetch(
        `${node.url}${i % 4 === 3 ? '/api/me' : i % 2 ? `/api/groups/${group.id}` : '/api/notifications'}`,
        i % 4 === 3
          ? {
              method: 'PATCH',
              headers: { Authorization: `Bearer ${member.accessToken}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ displayName: `Member ${i}` }),
            }
          : { headers: { Authorization: `Bearer ${member.accessToken}` } },
      ).then(
        (res) => ({ status: res.status, code: res.status === 503 ? 'answered' : '' }),
        (error: Error) => ({ status: 0, code: `${error.message}: ${String((error.cause as Error)?.message)}` }),
      ),
    );
    // The signal comes mid-batch: once the first answers are back, the rest are queued or running.
    let answered = 0;
    requests.forEach((request) => void request.then(() => (answered += 1)));
    await waitFor(() => answered >= 10, 10_000, 'the first answers');
    const signalledAt = Date.now();
    const exited = new Promise<number | null>((resolve) => node.process.once('exit', (code) => resolve(code)));
    node.process.kill('SIGTERM');
    const answers = await Promise.all(requests);
    const exitCode = await Promise.race([
      exited,
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), EXIT_WITHIN_MS + 2000)),
    ]);
    const exitedAfter = Date.now() - signalledAt;

    const byStatus = answers.reduce<Record<string, number>>((counts, { status }) => {
      counts[status] = (counts[status] ?? 0) + 1;
      return counts;
    }, {});
    figure('graceful shutdown: answers by status', JSON.stringify(byStatus));
    figure('graceful shutdown: exit after SIGTERM', `${exitedAfter} ms`);
    const failed = answers.filter(({ status }) => status === 0 || (status >= 500 && status !== 503));
    expect(failed).toEqual([]);
    expect(answers.filter(({ status }) => status < 300).length).toBeGreaterThanOrEqual(10);
    expect(exitCode).toBe(0);
    expect(exitedAfter).toBeLessThan(EXIT_WITHIN_MS);

    await waitFor(() => reasons.length > 0, 2000, 'the socket to be disconnected');
    expect(notices).toEqual(['server-shutting-down']);
    expect(reasons).toEqual(['transport close']);
    socket.disconnect();

    // Each step said so in the log, in order.
    const steps = [
      'draining',
      'sockets told the server is shutting down',
      'every running request answered',
      'closed the job queue',
    ];
    const positions = steps.map((step) => log.indexOf(step));
    expect({ steps, positions: positions.map((p) => p >= 0) }).toEqual({ steps, positions: steps.map(() => true) });
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  }, 60_000);
});
