import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { figure, scaled } from '../support/chaos';
import { api, User } from '../support/cluster-client';
import { openEmbedded, setupThread, startEmbeddedServer } from '../support/embedded-server';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { connect, sleep, TestSocket } from '../support/sockets';

/**
 * Issue 14: searches run in PostgreSQL's own processes, not on the server's event loop (PGlite ran them on it: a
 * 2.7 s search held every ack and /api/health). While one user searches a large group back to back, another's
 * socket sends are acknowledged no more than 50 ms later (p99) than with no search going on.
 */
const MESSAGES = scaled(60_000, 150_000);
// Each phase takes ~300 acks (~600 at full scale): a p99 of ~150 was the second-slowest ack alone, and one scheduler
// hiccup on CI's two busy cores (65.6 ms against 12.7 quiet) decided the test, not the searches.
const PHASE_MS = scaled(10_000, 20_000);
const SEND_EVERY_MS = 25;

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

describe('reliability: a long search on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-search-'));
  chmodSync(dataDir, 0o755);
  let server: ServerProcess;
  let searcher: User;
  let groupId: string;
  let sender: User;
  let senderThreadId: string;
  let socket: TestSocket;

  beforeAll(async () => {
    server = await startEmbeddedServer(dataDir);
    const big = await setupThread(server);
    searcher = big.user;
    groupId = big.groupId;
    // A large group, written straight into the database: every message matches the search below.
    const db = await openEmbedded(dataDir);
    try {
      await db.query(
        `INSERT INTO messages (id, thread_id, group_id, seq, author_id, body, body_html, created_at)
         SELECT gen_random_uuid(), $1, $2, 1000 + i, $3,
                'seasonal workers and agricultural pathways ' || md5(i::text) || ' ' || repeat('migration governance review ', 12),
                '<p>seeded</p>', now()
           FROM generate_series(1, $4::int) AS i`,
        [big.threadId, groupId, searcher.id, MESSAGES],
      );
      await db.query('UPDATE working_groups SET last_seq = last_seq + 1000 + $2::int WHERE id = $1', [
        groupId,
        MESSAGES,
      ]);
      await db.query('ANALYZE messages');
      // The seed's WAL would otherwise set off a checkpoint in the middle of a measured phase: its fsyncs stall
      // every commit, searches or not, and that is not what this test measures.
      await db.query('CHECKPOINT');
    } finally {
      await db.end();
    }
    const other = await setupThread(server);
    sender = other.user;
    senderThreadId = other.threadId;
    socket = await connect(server.url, sender.accessToken);
  }, 120_000);

  afterAll(async () => {
    socket?.close();
    await stopAllServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends one message every SEND_EVERY_MS for `ms`, returning each acknowledgement's round trip. */
  async function sendFor(ms: number): Promise<number[]> {
    const latencies: number[] = [];
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const started = performance.now();
      const ack = await socket.emitWithAck('message.send', {
        threadId: senderThreadId,
        body: 'ping',
        clientId: randomUUID(),
      });
      if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
      latencies.push(performance.now() - started);
      await sleep(SEND_EVERY_MS);
    }
    return latencies;
  }

  it('delays acknowledgements on other sockets by at most 50 ms (p99) while searches run', async () => {
    await sendFor(1_000); // warm up: prepared statements, connections
    const quiet = await sendFor(PHASE_MS);

    let searching = true;
    const searchTimes: number[] = [];
    const searches = (async () => {
      while (searching) {
        const started = performance.now();
        await api(
          server,
          'GET',
          `/api/search?q=${encodeURIComponent('migration governance')}&groupId=${groupId}`,
          searcher,
        ).catch(
          () => undefined, // a search cut off by the statement timeout is still a long search
        );
        searchTimes.push(performance.now() - started);
      }
    })();
    const busy = await sendFor(PHASE_MS);
    searching = false;
    await searches;

    figure('long search: searches run', searchTimes.length);
    figure('long search: slowest search (ms)', Math.round(Math.max(...searchTimes)));
    figure('long search: ack p99 without searches (ms)', p99(quiet).toFixed(1));
    figure('long search: ack p99 during searches (ms)', p99(busy).toFixed(1));
    expect(searchTimes.length).toBeGreaterThan(0);
    expect(p99(busy) - p99(quiet)).toBeLessThanOrEqual(50);
    // The health check answers at once too.
    const started = performance.now();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(500);
  }, 120_000);
});
