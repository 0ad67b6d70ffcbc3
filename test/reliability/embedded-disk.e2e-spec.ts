import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { figure } from '../support/chaos';
import { User } from '../support/cluster-client';
import {
  Ack,
  AckedSenders,
  lostAndDuplicated,
  mountsUnavailable,
  openEmbedded,
  runToExit,
  setupThread,
  sh,
  startEmbeddedServer,
} from '../support/embedded-server';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { waitFor } from '../support/sockets';
import { freeBytes } from '../../src/database/embedded/data-dir';

/**
 * Issue 14: the embedded database's disk fills up, then goes read-only. A full disk refuses writes with a clear 503
 * while reads and health go on, and writes come back by themselves once space is freed; a read-only disk is one
 * clear line and never a hang; SIGTERM always ends the server within 10 s.
 */
const MB = 1024 * 1024;

/** Polls an asynchronous condition until it holds, or fails naming it. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
const skipped = mountsUnavailable();
const run = skipped ? describe.skip : describe;
if (skipped) console.warn(`reliability: full and read-only disk (skipped: ${skipped})`);

run('reliability: the embedded database on a full and on a read-only disk', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'tansiq-disk-'));
  const dataDir = join(mountPoint, 'data');
  const filler = join(mountPoint, 'filler');
  let server: ServerProcess;
  let user: User;
  let groupId: string;
  let threadId: string;
  const acknowledged: Ack[] = [];

  const post = (body: string) =>
    fetch(`${server.url}/api/threads/${threadId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${user.accessToken}` },
      body: JSON.stringify({ body }),
      signal: AbortSignal.timeout(5_000),
    });
  const read = () =>
    fetch(`${server.url}/api/threads/${threadId}/messages`, {
      headers: { Authorization: `Bearer ${user.accessToken}` },
      signal: AbortSignal.timeout(5_000),
    });
  /** Leaves `free` bytes free on the small disk. */
  const fillLeaving = (free: number) => {
    rmSync(filler, { force: true });
    const size = freeBytes(mountPoint) - free;
    expect(sh('fallocate', ['-l', String(size), filler]).code).toBe(0);
  };
  const stopWithin10s = async () => {
    const started = Date.now();
    await server.stop(); // SIGTERM, SIGKILL after 5 s
    expect(server.process.signalCode).toBeNull(); // it exited by itself, not by the SIGKILL
    expect(Date.now() - started).toBeLessThan(10_000);
  };

  beforeAll(async () => {
    expect(sh('mount', ['-t', 'tmpfs', '-o', 'size=320m,mode=0755', 'tmpfs', mountPoint]).code).toBe(0);
    server = await startEmbeddedServer(dataDir);
    ({ user, groupId, threadId } = await setupThread(server));
  });
  afterAll(async () => {
    await stopAllServers();
    sh('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('refuses writes with a clear 503 on a full disk, keeps reads and health answering, resumes when space is freed', async () => {
    const senders = new AckedSenders(server.url, user, threadId);
    senders.start(4);
    await waitFor(() => senders.acks.length >= 50, 20_000, '50 acknowledged messages');
    fillLeaving(40 * MB);
    // Writes in flight go on until the server sees the disk full (it looks every second); then they are refused.
    await eventually(async () => (await post('probe')).status === 503, 5_000, 'writes to be refused');
    acknowledged.push(...(await senders.stop()));
    const refused = await post('while full');
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as { code: string; message: string; details: { field: string }[] };
    expect(body.code).toBe('disk-full');
    expect(body.message).toMatch(/disk is full/);
    expect(body.details[0].field).toBe('disk');
    expect((await read()).status).toBe(200);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    const healthBody = (await health.json()) as {
      code: string;
      details: { field: string; code: string; message: string }[];
    };
    expect(healthBody.code).toBe('dependency-down');
    expect(healthBody.details).toContainEqual(
      expect.objectContaining({
        field: 'disk',
        code: 'disk-space-low',
        message: expect.stringMatching(/^The server's disk is full/),
      }),
    );

    rmSync(filler);
    await eventually(async () => (await post('space is back')).status === 201, 5_000, 'writes to resume');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const db = await openEmbedded(dataDir);
    try {
      const { lost } = await lostAndDuplicated(db, groupId, acknowledged);
      figure('disk full: acknowledged before and during', acknowledged.length);
      figure('disk full: lost', lost.length);
      expect(lost).toEqual([]);
    } finally {
      await db.end();
    }
  });

  it('says in one line that the disk is too full to start, and starts nothing', async () => {
    await stopWithin10s();
    fillLeaving(100 * MB);
    const start = await runToExit('dist/main.js', { DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0' });
    rmSync(filler);
    expect(start.code).not.toBe(0);
    expect(start.output).toMatch(
      /Cannot start: DATA_DIR .* has \d+ MiB free; the embedded database needs at least 128 MiB/,
    );
  });
});

/**
 * A disk that turns read-only under the server: ext4 with errors=remount-ro on a loop image, and an error triggered
 * through the file system's own test hook, as a failing disk would (the file system remounts itself read-only).
 */
run('reliability: the embedded database on a disk that turns read-only', () => {
  const work = mkdtempSync(join(tmpdir(), 'tansiq-readonly-'));
  const image = join(work, 'disk.img');
  const mountPoint = join(work, 'mnt');
  const dataDir = join(mountPoint, 'data');
  let server: ServerProcess;
  let thread: Awaited<ReturnType<typeof setupThread>>;

  const mount = () => {
    mkdirSync(mountPoint, { recursive: true });
    expect(sh('mount', ['-o', 'loop,errors=remount-ro', image, mountPoint]).code).toBe(0);
  };

  beforeAll(async () => {
    chmodSync(work, 0o755);
    expect(sh('truncate', ['-s', '400M', image]).code).toBe(0);
    expect(sh('mkfs.ext4', ['-q', '-F', image]).code).toBe(0);
    mount();
    server = await startEmbeddedServer(dataDir);
    thread = await setupThread(server);
  });
  afterAll(async () => {
    await stopAllServers();
    sh('umount', ['-l', mountPoint]);
    rmSync(work, { recursive: true, force: true });
  });

  it('never hangs: a write fails at once or the server exits saying why; SIGTERM ends it within 10 s; it starts again once the disk is repaired', async () => {
    const senders = new AckedSenders(server.url, thread.user, thread.threadId);
    senders.start(4);
    await waitFor(() => senders.acks.length >= 50, 20_000, '50 acknowledged messages');
    const device = basename(sh('findmnt', ['-n', '-o', 'SOURCE', mountPoint]).output.trim());
    writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, 'tansiq test: the disk fails');
    const acknowledged = await senders.stop();

    const started = Date.now();
    const status = await fetch(`${server.url}/api/threads/${thread.threadId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${thread.user.accessToken}` },
      body: JSON.stringify({ body: 'on a read-only disk' }),
      signal: AbortSignal.timeout(10_000),
    }).then(
      (res) => res.status,
      () => 0, // the server has gone
    );
    figure(
      'read-only disk: a write answered',
      `${status || 'no answer: the server exited'} in ${Date.now() - started} ms`,
    );
    if (status === 500) console.log(server.output());
    expect(status === 0 || status === 503).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);

    const stopping = Date.now();
    await server.stop(); // SIGTERM, then SIGKILL after 5 s: it must exit by itself
    figure('read-only disk: server gone after SIGTERM (ms)', Date.now() - stopping);
    expect(server.process.signalCode).toBeNull();
    expect(Date.now() - stopping).toBeLessThan(10_000);

    const again = await runToExit('dist/main.js', { DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0' });
    expect(again.code).not.toBe(0);
    expect(again.output).toContain(`Cannot start: DATA_DIR ${dataDir} is on a read-only file system`);

    // Repaired (unmounted, checked, mounted again): the database opens and every acknowledged message is there.
    expect(sh('umount', [mountPoint]).code).toBe(0);
    expect(sh('fsck.ext4', ['-f', '-y', image]).code).toBeLessThan(4);
    mount();
    server = await startEmbeddedServer(dataDir);
    const db = await openEmbedded(dataDir);
    try {
      expect((await lostAndDuplicated(db, thread.groupId, acknowledged)).lost).toEqual([]);
    } finally {
      await db.end();
    }
  }, 120_000);
});
