import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../support/cluster-client';
import { figure, scaled } from '../support/chaos';
import {
  Ack,
  AckedSenders,
  lostAndDuplicated,
  mountsUnavailable,
  openEmbedded,
  postgresPids,
  setupThread,
  sh,
  startEmbeddedServer,
} from '../support/embedded-server';
import { stopAllServers } from '../support/server-process';
import { waitFor } from '../support/sockets';

/**
 * Issue 14: a power cut under write load. DATA_DIR is on ext4 in a loop-mounted image; with four senders writing,
 * the server and its PostgreSQL are frozen (SIGSTOP) and the image is copied as it stands: what the copy holds is
 * what a machine that lost power at that instant would find on its disk. The copy is checked (fsck), mounted and
 * started: every message acknowledged before the cut must be there, once, and no seq is handed out again.
 */
const CUTS = scaled(2, 5);
const ACKS_BEFORE_CUT = scaled(150, 600);
const IMAGE_MB = 400;

const skipped = mountsUnavailable();
const run = skipped ? describe.skip : describe;
if (skipped) console.warn(`reliability: power cut (skipped: ${skipped})`);

run('reliability: a power cut on the embedded database', () => {
  const work = mkdtempSync(join(tmpdir(), 'tansiq-power-'));
  chmodSync(work, 0o755);
  const mounted: string[] = [];

  const mount = (image: string, at: string) => {
    mkdirSync(at, { recursive: true });
    const result = sh('mount', ['-o', 'loop', image, at]);
    if (result.code !== 0) throw new Error(`mount ${image}: ${result.output}`);
    mounted.push(at);
  };
  const unmount = (at: string) => {
    sh('umount', [at]);
    mounted.splice(mounted.indexOf(at), 1);
  };

  afterAll(async () => {
    await stopAllServers();
    for (const at of [...mounted].reverse()) sh('umount', ['-l', at]);
    rmSync(work, { recursive: true, force: true });
  });

  it(`loses no acknowledged message and reuses no seq over ${CUTS} cuts`, async () => {
    let lostTotal = 0;
    let duplicatesTotal = 0;
    let acknowledgedTotal = 0;
    for (let cut = 1; cut <= CUTS; cut += 1) {
      const image = join(work, `disk-${cut}.img`);
      const copy = join(work, `copy-${cut}.img`);
      expect(sh('truncate', ['-s', `${IMAGE_MB}M`, image]).code).toBe(0);
      expect(sh('mkfs.ext4', ['-q', '-F', image]).code).toBe(0);
      const live = join(work, `live-${cut}`);
      mount(image, live);
      const dataDir = join(live, 'data');

      const server = await startEmbeddedServer(dataDir);
      const { user, groupId, threadId } = await setupThread(server);
      const senders = new AckedSenders(server.url, user, threadId);
      senders.start(4);
      await waitFor(() => senders.acks.length >= ACKS_BEFORE_CUT, 60_000, `${ACKS_BEFORE_CUT} acknowledged messages`);

      // The cut: nothing more reaches the disk once every writer is frozen; what was acknowledged by now must be there.
      const postgres = postgresPids(dataDir).all;
      process.kill(server.process.pid!, 'SIGSTOP');
      for (const pid of postgres) process.kill(pid, 'SIGSTOP');
      const acknowledged: Ack[] = [...senders.acks];
      copyFileSync(image, copy);
      for (const pid of postgres) process.kill(pid, 'SIGKILL');
      await server.kill('SIGKILL');
      await senders.stop();
      unmount(live);

      const fsck = sh('fsck.ext4', ['-f', '-y', copy]);
      expect(fsck.code).toBeLessThan(4); // 0: clean, 1: errors corrected (a cut mid-write), 4 and up: not usable

      const after = join(work, `after-${cut}`);
      mount(copy, after);
      const restarted = await startEmbeddedServer(join(after, 'data'));
      const db = await openEmbedded(join(after, 'data'));
      try {
        const { lost, duplicateSeqs } = await lostAndDuplicated(db, groupId, acknowledged);
        figure(`power cut ${cut}: acknowledged before the cut`, acknowledged.length);
        figure(`power cut ${cut}: missing after restart`, lost.length);
        lostTotal += lost.length;
        duplicatesTotal += duplicateSeqs;
        acknowledgedTotal += acknowledged.length;
        // The next message takes a seq no acknowledged message had: none is handed out again.
        const next = await api<{ seq: number }>(restarted, 'POST', `/api/threads/${threadId}/messages`, user, {
          body: 'after the cut',
        });
        expect(next.seq).toBeGreaterThan(Math.max(...acknowledged.map((ack) => ack.seq)));
      } finally {
        await db.end();
        await restarted.stop();
        unmount(after);
        rmSync(image, { force: true });
        rmSync(copy, { force: true });
      }
    }
    figure('power cuts: acknowledged messages in all', acknowledgedTotal);
    figure('power cuts: acknowledged messages lost', lostTotal);
    figure('power cuts: duplicate seqs', duplicatesTotal);
    expect(lostTotal).toBe(0);
    expect(duplicatesTotal).toBe(0);
  }, 600_000);
});
