import { createHash } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { createConnection, createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What PostgreSQL needs to start and take writes: a cluster (~40 MiB) and a few 16 MiB WAL segments. */
export const MIN_FREE_BYTES = 128 * 1024 * 1024;

/** A problem with DATA_DIR that the person starting the server has to fix; printed as one line. */
export class DataDirError extends Error {}

/** DATA_DIR is held by another live process. */
export class DataDirLocked extends DataDirError {}

const mib = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MiB`;

/** Bytes free for an unprivileged writer on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

/**
 * Creates DATA_DIR (0700: it holds the database and the signing secret) and proves it can take a durable write,
 * so a read-only or full disk is one clear line at start-up, not a database that fails half-way.
 */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const probe = join(dir, `.write-check-${process.pid}`);
    const fd = openSync(probe, 'w', 0o600);
    try {
      writeSync(fd, 'ok');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
      unlinkSync(probe);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EROFS'
        ? 'is on a read-only file system'
        : code === 'ENOSPC'
          ? 'is on a full disk'
          : `cannot be written (${code ?? (error as Error).message})`;
    throw new DataDirError(`DATA_DIR ${dir} ${why}`);
  }
  const free = freeBytes(dir);
  if (free < MIN_FREE_BYTES) {
    throw new DataDirError(
      `DATA_DIR ${dir} has ${mib(free)} free; the embedded database needs at least ${mib(MIN_FREE_BYTES)}`,
    );
  }
}

interface Holder {
  pid: number;
  port?: number;
}

/**
 * Unix socket paths are limited to ~107 bytes: `name` in `dir` when it fits with `room` bytes to spare, else a name
 * of its own (derived from `dir`) in the temp folder.
 */
export function socketPath(dir: string, name: string, room = 0): string {
  const path = join(dir, name);
  if (Buffer.byteLength(path) + room <= 100) return path;
  const digest = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  return join(tmpdir(), `tansiq-${digest}-${name}`);
}

async function askHolder(path: string): Promise<Holder | null> {
  const socket = createConnection(path);
  try {
    await once(socket, 'connect');
  } catch {
    return null; // nothing listens: the file is left over from a process that died
  }
  let text = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  await Promise.race([once(socket, 'end'), new Promise((done) => setTimeout(done, 2000))]);
  socket.destroy();
  try {
    return JSON.parse(text) as Holder;
  } catch {
    return { pid: 0 };
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * One process per DATA_DIR: the lock is a Unix socket that only a live process can answer on (a killed one leaves a
 * file nobody answers, which the next start takes over). It answers with the holder's pid and port, so the refusal
 * says who holds the folder. PostgreSQL's own postmaster.pid stays the last guard behind it.
 */
export async function lockDataDir(dir: string, port?: number): Promise<DataDirLock> {
  const path = socketPath(dir, 'tansiq.lock');
  const holder = await askHolder(path);
  if (holder) {
    const who = holder.pid
      ? `process ${holder.pid}${holder.port ? ` (Tansiq on port ${holder.port})` : ''}`
      : 'another process';
    throw new DataDirLocked(`DATA_DIR ${dir} is in use by ${who}; stop it first or choose another DATA_DIR`);
  }
  try {
    unlinkSync(path);
  } catch {
    // not there
  }
  const server: Server = createServer((socket) => socket.end(JSON.stringify({ pid: process.pid, port })));
  server.listen(path);
  try {
    await once(server, 'listening');
  } catch (error) {
    throw new DataDirError(`DATA_DIR ${dir} could not be locked: ${(error as Error).message}`);
  }
  chmodSync(path, 0o600);
  server.unref();
  return {
    release: () => {
      server.close();
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}
