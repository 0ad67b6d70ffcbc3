import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { figure, scaled } from '../support/chaos';
import {
  Ack,
  AckedSenders,
  lostAndDuplicated,
  openEmbedded,
  postgresPids,
  setupThread,
  startEmbeddedServer,
} from '../support/embedded-server';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { waitFor } from '../support/sockets';

/**
 * Issue 14: the embedded server killed under write load, and separately its PostgreSQL child, again and again.
 * After each kill the server either comes back by itself or exits non-zero (never hangs), and a restart on the same
 * DATA_DIR finds every acknowledged message once.
 */
const KILLS = scaled(3, 10);
const ACKS_PER_ROUND = scaled(40, 150);
const EXIT_WITHIN_MS = 10_000;

describe('reliability: the embedded server and its PostgreSQL killed under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-kill-'));
  chmodSync(dataDir, 0o755);
  let server: ServerProcess;
  let thread: Awaited<ReturnType<typeof setupThread>>;
  const acknowledged: Ack[] = [];

  beforeAll(async () => {
    server = await startEmbeddedServer(dataDir);
    thread = await setupThread(server);
  });
  afterAll(async () => {
    await stopAllServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Writes until ACKS_PER_ROUND more are acknowledged, kills, waits for the server to be gone, restarts. */
  async function round(kill: () => void): Promise<number> {
    const senders = new AckedSenders(server.url, thread.user, thread.threadId);
    senders.start(4);
    await waitFor(() => senders.acks.length >= ACKS_PER_ROUND, 30_000, `${ACKS_PER_ROUND} acknowledged messages`);
    const started = Date.now();
    kill();
    await waitFor(
      () => server.process.exitCode !== null || server.process.signalCode !== null,
      EXIT_WITHIN_MS,
      'the server to exit',
    );
    const exitedIn = Date.now() - started;
    expect(server.process.exitCode).not.toBe(0);
    acknowledged.push(...(await senders.stop()));
    server = await startEmbeddedServer(dataDir);
    return exitedIn;
  }

  async function check(tag: string): Promise<void> {
    const db: Client = await openEmbedded(dataDir);
    try {
      const { lost, duplicateSeqs } = await lostAndDuplicated(db, thread.groupId, acknowledged);
      figure(`${tag}: acknowledged`, acknowledged.length);
      figure(`${tag}: lost`, lost.length);
      figure(`${tag}: duplicate seqs`, duplicateSeqs);
      expect(lost).toEqual([]);
      expect(duplicateSeqs).toBe(0);
    } finally {
      await db.end();
    }
  }

  it(`loses nothing when the server is killed with SIGKILL ${KILLS} times`, async () => {
    for (let kill = 0; kill < KILLS; kill += 1) await round(() => server.process.kill('SIGKILL'));
    await check('server SIGKILL');
  }, 300_000);

  it(`exits non-zero within ${EXIT_WITHIN_MS / 1000} s and loses nothing when PostgreSQL is killed ${KILLS} times`, async () => {
    let slowest = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      slowest = Math.max(slowest, await round(() => process.kill(postgresPids(dataDir).postmaster, 'SIGKILL')));
    }
    figure('PostgreSQL SIGKILL: slowest server exit (ms)', slowest);
    await check('PostgreSQL SIGKILL');
  }, 300_000);
});
