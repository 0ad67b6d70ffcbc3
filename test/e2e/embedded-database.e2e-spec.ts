import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { api } from '../support/cluster-client';
import {
  AckedSenders,
  isAlive,
  lostAndDuplicated,
  openEmbedded,
  postgresPids,
  runToExit,
  setupThread,
  startEmbeddedServer,
} from '../support/embedded-server';
import { freePort, ServerProcess, stopAllServers } from '../support/server-process';
import { createTestApp } from '../support/test-app';
import { sleep, waitFor } from '../support/sockets';

/**
 * The embedded default as `npm start` runs it: the built server (dist/main.js) with no DATABASE_URL, running its
 * own PostgreSQL in DATA_DIR. Faults at scale (power cuts, repeated kills, full and read-only disks) are in
 * test/reliability/embedded-*.e2e-spec.ts.
 */
describe('embedded PostgreSQL', () => {
  const parent = mkdtempSync(join(tmpdir(), 'tansiq-embedded-'));
  // Enterable by the postgres account that runs the database when the tests run as root.
  chmodSync(parent, 0o755);
  let dataDir: string;
  let server: ServerProcess;
  let db: Client;

  beforeAll(async () => {
    dataDir = join(parent, 'data');
    const started = Date.now();
    server = await startEmbeddedServer(dataDir, { SEED_DEMO: 'true' });
    // A new user's first start: the cluster initialised, migrated and the demo seeded.
    expect(Date.now() - started).toBeLessThan(30_000);
    db = await openEmbedded(dataDir);
  }, 60_000);

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await stopAllServers();
    rmSync(parent, { recursive: true, force: true });
  });

  it('keeps what it acknowledges: fsync, synchronous commit and full-page writes on, no TCP port', async () => {
    const setting = async (name: string) => (await db.query(`SHOW ${name}`)).rows[0][name];
    expect(await setting('fsync')).toBe('on');
    expect(await setting('synchronous_commit')).toBe('on');
    expect(await setting('full_page_writes')).toBe('on');
    expect(await setting('listen_addresses')).toBe('');
    expect(await setting('statement_timeout')).toBe('0'); // this maintenance connection; the app's pool sets its own
  });

  it('reports its disk in /api/health (which a server on DATABASE_URL does not watch)', async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', database: 'up', redis: 'not-configured', disk: 'up' });
    const external = await createTestApp({ REDIS_URL: '' });
    try {
      expect((await external.http().get('/api/health')).body).toMatchObject({ disk: 'not-configured' });
    } finally {
      await external.close();
    }
  });

  it('keeps DATA_DIR private (0700) and the generated signing secret 0600', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'postgres')).mode & 0o777).toBe(0o700);
  });

  it('seeded the demo workspace on first start, through the same migrations as DATABASE_URL', async () => {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@tansiq.demo'`);
    expect(rows[0].n).toBeGreaterThan(0);
    // The seed makes its admin directly (registering makes nobody admin), so no setup link is printed.
    const admins = await db.query('SELECT email FROM users WHERE is_admin');
    expect(admins.rows).toEqual([{ email: 'admin@tansiq.demo' }]);
    expect(server.output()).not.toContain('/setup/');
  });

  it('refuses a second server on the same DATA_DIR within 5 s, naming the holder; the first keeps serving', async () => {
    const before = (await db.query('SELECT count(*)::int AS n FROM users')).rows[0].n;
    const second = await runToExit('dist/main.js', {
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      SEED_DEMO: 'true',
    });
    expect(second.code).not.toBe(0);
    expect(second.ms).toBeLessThan(5_000);
    expect(second.output).toContain(`is in use by process ${server.process.pid}`);
    expect(second.output).not.toContain('Tansiq is running');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(before);
  });

  it('says the port is in use when started twice on one port, and creates no database', async () => {
    const otherDir = join(parent, 'other');
    const second = await runToExit('dist/main.js', { DATABASE_URL: '', DATA_DIR: otherDir, PORT: String(server.port) });
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`port ${server.port} is in use`);
    expect(existsSync(join(otherDir, 'postgres'))).toBe(false);
  });

  it('refuses the seed and migration commands while the server holds DATA_DIR', async () => {
    for (const script of ['dist/database/seed/seed.cli.js', 'dist/database/migrate.cli.js']) {
      const run = await runToExit(script, { DATABASE_URL: '', DATA_DIR: dataDir });
      expect(run.code).not.toBe(0);
      expect(run.output).toContain(`is in use by process ${server.process.pid}`);
    }
  });

  it('backs up while writes go on, and the restored copy has every message acknowledged before, gap-free', async () => {
    const { user, groupId, threadId } = await setupThread(server);
    const senders = new AckedSenders(server.url, user, threadId);
    senders.start(4);
    await waitFor(() => senders.acks.length >= 50, 20_000, '50 acknowledged messages');
    const before = [...senders.acks];
    const archive = join(parent, 'under-load.tar');
    const backup = await runToExit('dist/database/backup.cli.js', { DATABASE_URL: '', DATA_DIR: dataDir }, [archive]);
    const acks = await senders.stop();
    expect(backup.output).toContain('Backup written');
    expect(backup.code).toBe(0);
    expect(acks.length).toBeGreaterThan(before.length); // the backup ran while messages were being written

    const restoredDir = join(parent, 'restored');
    const restore = await runToExit('dist/database/restore.cli.js', { DATABASE_URL: '', DATA_DIR: restoredDir }, [
      archive,
    ]);
    expect(restore.code).toBe(0);
    const copy = await startEmbeddedServer(restoredDir);
    const restored = await openEmbedded(restoredDir);
    try {
      expect((await lostAndDuplicated(restored, groupId, before)).lost).toEqual([]);
      // Consistent at one instant: the group's counter, its feed and its messages agree, with no gap.
      const { rows } = await restored.query(
        `SELECT g.last_seq::int AS last, count(e.*)::int AS events, min(e.seq)::int AS first, max(e.seq)::int AS top,
                (SELECT count(*)::int FROM messages m WHERE m.group_id = g.id) AS messages,
                (SELECT count(*)::int FROM group_events x WHERE x.group_id = g.id AND x.type = 'message.created') AS posted
           FROM working_groups g JOIN group_events e ON e.group_id = g.id WHERE g.id = $1 GROUP BY g.id`,
        [groupId],
      );
      expect(rows[0].events).toBe(rows[0].last);
      expect([rows[0].first, rows[0].top]).toEqual([1, rows[0].last]);
      expect(rows[0].messages).toBe(rows[0].posted);
      expect(rows[0].messages).toBeGreaterThanOrEqual(before.length);
    } finally {
      await restored.end();
      await copy.stop();
    }
  });

  it('an idle backup restores to exactly the same per-group seqs and message counts', async () => {
    const archive = join(parent, 'idle.tar');
    expect(
      (await runToExit('dist/database/backup.cli.js', { DATABASE_URL: '', DATA_DIR: dataDir }, [archive])).code,
    ).toBe(0);
    const restoredDir = join(parent, 'restored-idle');
    expect(
      (await runToExit('dist/database/restore.cli.js', { DATABASE_URL: '', DATA_DIR: restoredDir }, [archive])).code,
    ).toBe(0);
    const copy = await startEmbeddedServer(restoredDir);
    const restored = await openEmbedded(restoredDir);
    const perGroup = `SELECT g.id, g.last_seq::int AS seq, (SELECT count(*)::int FROM messages m WHERE m.group_id = g.id) AS messages
                        FROM working_groups g ORDER BY g.id`;
    try {
      expect((await restored.query(perGroup)).rows).toEqual((await db.query(perGroup)).rows);
    } finally {
      await restored.end();
      await copy.stop();
    }
  });

  it('exits non-zero saying so when its PostgreSQL is killed; the next start recovers every acknowledged message', async () => {
    const { user, groupId, threadId } = await setupThread(server);
    const senders = new AckedSenders(server.url, user, threadId);
    senders.start(4);
    await waitFor(() => senders.acks.length >= 30, 20_000, '30 acknowledged messages');
    await db.end();
    process.kill(postgresPids(dataDir).postmaster, 'SIGKILL');
    await waitFor(() => server.process.exitCode !== null, 10_000, 'the server to exit');
    expect(server.process.exitCode).not.toBe(0);
    expect(server.output()).toMatch(/Stopping: PostgreSQL in .* exited \(signal SIGKILL\)/);
    const acks = await senders.stop();

    server = await startEmbeddedServer(dataDir);
    db = await openEmbedded(dataDir);
    expect(await lostAndDuplicated(db, groupId, acks)).toEqual({ lost: [], duplicateSeqs: 0 });
    // Seqs go on from where they were: none handed out twice.
    const next = await api<{ seq: number }>(server, 'POST', `/api/threads/${threadId}/messages`, user, {
      body: 'after',
    });
    expect(next.seq).toBeGreaterThan(Math.max(...acks.map((ack) => ack.seq)));
  });

  it('stops on SIGTERM within 10 s, PostgreSQL with it, exit code 0', async () => {
    const postmaster = postgresPids(dataDir).postmaster;
    await db.end();
    const started = Date.now();
    server.process.kill('SIGTERM');
    await waitFor(() => server.process.exitCode !== null, 10_000, 'the server to exit');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.process.exitCode).toBe(0);
    await waitFor(() => !isAlive(postmaster), 2_000, 'PostgreSQL to stop');
  });

  it('restarts after a SIGKILL of the server, stopping the PostgreSQL it left behind', async () => {
    server = await startEmbeddedServer(dataDir);
    const orphan = postgresPids(dataDir).postmaster;
    await server.kill('SIGKILL');
    await sleep(200);
    expect(isAlive(orphan)).toBe(true); // left running by the killed server
    server = await startEmbeddedServer(dataDir);
    expect(isAlive(orphan)).toBe(false);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    db = await openEmbedded(dataDir);
  });
});
