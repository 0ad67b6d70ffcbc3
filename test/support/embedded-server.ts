import { randomBytes, randomUUID } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { api, register, User } from './cluster-client';
import { ServerProcess, startServer } from './server-process';

const ROOT = resolve(__dirname, '../..');

/** A server on the embedded defaults (no DATABASE_URL, no Redis) in `dataDir`, its writes unthrottled. */
export function startEmbeddedServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServer({
    DATABASE_URL: '',
    REDIS_URL: '',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '100000',
    WRITE_RATE_LIMIT: '1000000',
    SOCKET_EVENT_RATE_LIMIT: '1000000',
    // Generated once into DATA_DIR, as on a new user's machine, so tokens outlive a restart.
    JWT_SECRET: '',
    ...env,
  });
}

/** A connection to the embedded database in `dataDir` through its socket, as the server itself connects. */
export async function openEmbedded(dataDir: string): Promise<Client> {
  const client = new Client({ host: join(dataDir, 'run'), user: 'postgres', database: 'tansiq' });
  await client.connect();
  return client;
}

/** The embedded PostgreSQL's processes: the postmaster (from postmaster.pid) and its children. */
export function postgresPids(dataDir: string): { postmaster: number; all: number[] } {
  const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(' ');
  return { postmaster, all: [postmaster, ...children.filter(Boolean).map(Number)] };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead for our purposes: it holds nothing and runs nothing.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export interface Ack {
  id: string;
  seq: number;
}

/** A thread to write into: a facilitator's group and its discussion. */
export async function setupThread(node: ServerProcess): Promise<{ user: User; groupId: string; threadId: string }> {
  const user = await register(node);
  const group = await api<{ id: string }>(node, 'POST', '/api/groups', user, {
    name: `Group ${randomBytes(3).toString('hex')}`,
  });
  const thread = await api<{ id: string }>(node, 'POST', `/api/groups/${group.id}/threads`, user, {
    kind: 'discussion',
    title: 'Durability',
    body: 'Every acknowledged message must survive.',
  });
  return { user, groupId: group.id, threadId: thread.id };
}

/**
 * Concurrent senders posting messages as fast as the server acknowledges them. An acknowledgement (a 201 with the
 * stored message and its seq) is a promise that the message is on disk; the senders keep every one they got.
 * A sender stops at its first failure (the server went away).
 */
export class AckedSenders {
  readonly acks: Ack[] = [];
  private stopped = false;
  private running: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly user: User,
    private readonly threadId: string,
  ) {}

  start(count: number): void {
    this.running = Array.from({ length: count }, () => this.send());
  }

  async stop(): Promise<Ack[]> {
    this.stopped = true;
    await Promise.all(this.running);
    return this.acks;
  }

  private async send(): Promise<void> {
    while (!this.stopped) {
      try {
        const res = await fetch(`${this.url}/api/threads/${this.threadId}/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.user.accessToken}` },
          body: JSON.stringify({ body: `durable ${randomUUID()}`, clientId: randomUUID() }),
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status !== 201) return;
        const posted = (await res.json()) as { message: { id: string }; seq: number };
        this.acks.push({ id: posted.message.id, seq: posted.seq });
      } catch {
        return;
      }
    }
  }
}

/** Of `acks`, those whose message is not in the database, and any seq that two messages share. */
export async function lostAndDuplicated(
  db: Client,
  groupId: string,
  acks: Ack[],
): Promise<{ lost: Ack[]; duplicateSeqs: number }> {
  const { rows } = await db.query<{ id: string; seq: string }>('SELECT id, seq FROM messages WHERE group_id = $1', [
    groupId,
  ]);
  const stored = new Map(rows.map((row) => [row.id, Number(row.seq)]));
  const lost = acks.filter((ack) => stored.get(ack.id) !== ack.seq);
  const { rows: duplicates } = await db.query<{ count: string }>(
    'SELECT count(*) FROM (SELECT seq FROM group_events WHERE group_id = $1 GROUP BY seq HAVING count(*) > 1) d',
    [groupId],
  );
  return { lost, duplicateSeqs: Number(duplicates[0].count) };
}

export interface Exited {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs a built entry point (`dist/…`) to its end with `env`, giving its exit code and everything it printed. */
export function runToExit(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  timeoutMs = 30_000,
): Promise<Exited> {
  const started = Date.now();
  const child = spawn(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((done) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output, ms: Date.now() - started });
    }),
  );
}

/** Runs a system command (mount, mkfs, fsck, …), giving its exit code and output; never throws. */
export function sh(command: string, args: string[]): { code: number; output: string } {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return { code: run.status ?? -1, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error?.message ?? ''}` };
}

/** Whether this machine lets the tests mount file systems (root, loop devices, tmpfs); else why not. */
export function mountsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to mount file systems';
  const probe = mkdtempSync(join(tmpdir(), 'tansiq-mount-probe-'));
  try {
    const mounted = sh('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
    if (mounted.code !== 0) return `cannot mount here: ${mounted.output.trim()}`;
    sh('umount', [probe]);
    if (sh('losetup', ['-f']).code !== 0) return 'no free loop device';
    return null;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
