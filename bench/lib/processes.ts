/**
 * Child processes of a bench run: the product (through bench/server-with-gc.js), the bare baselines and the load
 * generators, all forked with an IPC channel. Every one is tracked and ended when the run ends, however it ends.
 */
import { ChildProcess, fork } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';

// Compiled to dist-bench/ (the scripts that are forked live there), which sits one folder below the repository like
// bench/ itself (where results/ and the run's snapshot live).
/** The folder of the bench's compiled scripts (dist-bench/). */
export const SCRIPTS = resolve(__dirname, '..');
export const ROOT = resolve(SCRIPTS, '..');
/** The bench's source folder: results/, .run/. */
export const BENCH = join(ROOT, 'bench');
const running = new Set<ChildProcess>();
let nextId = 1;

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** An answer over IPC: the op's own fields (`error` when it failed, turned into a rejection by `rpc`). */
export type Answer = Record<string, unknown>;

export interface ForkOptions {
  args?: string[];
  env?: Record<string, string>;
  execArgv?: string[];
  label?: string;
  keepOutput?: number;
}

/** A forked process of the bench, spoken to by `rpc`. */
export interface BenchProcess {
  child: ChildProcess;
  pid: number;
  label: string;
  /** Sends a request and resolves with its answer; `T` is the answer's shape as the process defines it. */
  rpc: <T = Answer>(op: string, body?: object, timeoutMs?: number) => Promise<T>;
  stop: (graceMs?: number) => Promise<Exit>;
  exited: Promise<Exit>;
  hasExited: () => boolean;
  output: () => string;
  onMessage: (fn: (msg: unknown) => void) => void;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Pending {
  resolve: (msg: Answer) => void;
  reject: (error: Error) => void;
}

/** Forks a script with IPC; `rpc(op, body)` sends a request and resolves with its answer. */
export function forkWithIpc(
  script: string,
  { args = [], env = {}, execArgv = [], label = script, keepOutput = 20000 }: ForkOptions = {},
): BenchProcess {
  const child = fork(script, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-keepOutput);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pending = new Map<number, Pending>();
  const listeners = new Set<(msg: unknown) => void>();
  child.on('message', (msg: unknown) => {
    const benchId = typeof msg === 'object' && msg !== null ? (msg as { benchId?: unknown }).benchId : undefined;
    const waiting = typeof benchId === 'number' ? pending.get(benchId) : undefined;
    if (typeof benchId === 'number' && waiting) {
      pending.delete(benchId);
      waiting.resolve(msg as Answer);
      return;
    }
    for (const listener of listeners) listener(msg);
  });
  const exited = new Promise<Exit>((done) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      for (const { reject } of pending.values())
        reject(new Error(`${label} exited (${code ?? signal}) before answering\n${output.slice(-3000)}`));
      pending.clear();
      done({ code, signal });
    }),
  );
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const rpc = <T = Answer>(op: string, body: object = {}, timeoutMs = 600_000) =>
    new Promise<T>((resolveRpc, reject) => {
      if (hasExited()) return reject(new Error(`${label} has exited\n${output.slice(-3000)}`));
      const benchId = nextId++;
      const timer = setTimeout(() => {
        pending.delete(benchId);
        reject(new Error(`${label} did not answer ${op} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(benchId, {
        resolve: (msg) => {
          clearTimeout(timer);
          if (msg.error) reject(new Error(`${label} ${op}: ${String(msg.error)}`));
          else resolveRpc(msg as T);
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.send({ benchId, op, ...body });
    });
  /** Asks the process to exit (so a CPU profile gets written), then kills it if it has not within graceMs. */
  const stop = async (graceMs = 5000): Promise<Exit> => {
    if (hasExited()) return exited;
    rpc('exit', {}, graceMs).catch(() => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };
  return {
    child,
    pid: child.pid ?? 0,
    label,
    rpc,
    stop,
    exited,
    hasExited,
    output: () => output,
    onMessage: (fn) => {
      listeners.add(fn);
    },
  };
}

async function waitForHealth(url: string, proc: BenchProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc.hasExited()) throw new Error(`${proc.label} exited during start-up:\n${proc.output().slice(-4000)}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `health answered ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${proc.label} not healthy within ${timeoutMs} ms (${last})\n${proc.output().slice(-4000)}`);
}

let snapshotMain: string | null = null;

/** The dist/main.js the product runs from: the run's snapshot once taken. */
export function productMain(): string {
  return snapshotMain ?? join(ROOT, 'dist/main.js');
}

/**
 * Copies dist/ into bench/.run/<runId>/ so that a rebuild by someone else during the run (nest build empties
 * dist/ first) cannot pull the product from under the bench. Waits for dist/ to be complete and quiet first.
 */
export async function snapshotDist(runId: string): Promise<string> {
  const dist = join(ROOT, 'dist');
  const newest = () => {
    let latest = 0;
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else latest = Math.max(latest, statSync(path).mtimeMs);
      }
    };
    walk(dist);
    return latest;
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if (existsSync(join(dist, 'main.js')) && Date.now() - newest() > 3000) break;
    } catch {
      // dist/ changed while it was read
    }
    if (Date.now() > deadline)
      throw new Error('dist/ did not settle within 2 minutes: is a build running? (npm run build)');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const target = join(BENCH, '.run', runId);
  mkdirSync(target, { recursive: true });
  cpSync(dist, join(target, 'dist'), { recursive: true });
  // The server serves ../client next to its dist/: point it at the real one.
  if (existsSync(join(ROOT, 'client'))) symlinkSync(join(ROOT, 'client'), join(target, 'client'));
  snapshotMain = join(target, 'dist', 'main.js');
  return target;
}

export function removeSnapshot(runId: string): void {
  rmSync(join(BENCH, '.run', runId), { recursive: true, force: true });
  snapshotMain = null;
}

export const JWT_SECRET = 'bench-only-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
/** The product's /metrics answer this bearer token: a benchmark compares the server's own figures with its. */
export const METRICS_TOKEN = 'bench-only-metrics-token';

/**
 * The product as built in dist/, started the way the README says, through the bench's GC-capable bootstrap.
 * `profileDir` adds --cpu-prof (the profile is written when the server is stopped).
 */
export interface ProductOptions {
  databaseUrl: string;
  redisUrl?: string;
  redisPrefix?: string;
  label?: string;
  profileDir?: string | null;
  env?: Record<string, string>;
  /** How long to wait for /api/health (the embedded default runs initdb first: slow on a busy machine). */
  healthTimeoutMs?: number;
}

/** A started server: its process, and where it listens. */
export type BenchServer = BenchProcess & { url: string; port: number };

export async function startProduct({
  databaseUrl,
  redisUrl,
  redisPrefix,
  label = 'product',
  profileDir,
  env = {},
  healthTimeoutMs = 60_000,
}: ProductOptions): Promise<BenchServer> {
  const main = productMain();
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const execArgv = ['--expose-gc'];
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    execArgv.push(
      '--cpu-prof',
      `--cpu-prof-dir=${profileDir}`,
      `--cpu-prof-name=${label}-${process.pid}-${port}.cpuprofile`,
    );
  }
  const proc = forkWithIpc(join(SCRIPTS, 'server-with-gc.js'), {
    label: `${label}:${port}`,
    execArgv,
    env: {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl ?? '',
      ...(redisPrefix ? { REDIS_PREFIX: redisPrefix } : {}),
      JWT_SECRET,
      METRICS_TOKEN,
      JWT_ACCESS_TTL: '7200',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // Production defaults to invitation-only registration; the bench registers its own users.
      REGISTRATION: 'open',
      AUTH_RATE_LIMIT: '100000',
      WRITE_RATE_LIMIT: '1000000',
      SOCKET_EVENT_RATE_LIMIT: '10000000',
      MAX_SOCKETS_PER_USER: '100000',
      BENCH_PRODUCT_MAIN: process.env.BENCH_OVERRIDE_MAIN ? resolve(process.env.BENCH_OVERRIDE_MAIN) : main,
      REAL_MAIN: main,
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, proc, healthTimeoutMs);
  return { ...proc, url, port };
}

/** A bench-owned baseline server script; it reports its port over IPC once listening. */
export interface BaselineOptions {
  label: string;
  env?: Record<string, string>;
  execArgv?: string[];
  profileDir?: string | null;
}

export async function startBaseline(
  script: string,
  { label, env = {}, execArgv = [], profileDir }: BaselineOptions,
): Promise<BenchServer> {
  const port = await freePort();
  const argv = ['--expose-gc', ...execArgv];
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    argv.push(
      '--cpu-prof',
      `--cpu-prof-dir=${profileDir}`,
      `--cpu-prof-name=${label}-${process.pid}-${port}.cpuprofile`,
    );
  }
  const proc = forkWithIpc(join(SCRIPTS, 'baselines', script), {
    label: `${label}:${port}`,
    execArgv: argv,
    env: { PORT: String(port), JWT_SECRET, BENCH_PRODUCT_MAIN: productMain(), ...env },
  });
  await proc.rpc('ready', {}, 30_000);
  return { ...proc, url: `http://127.0.0.1:${port}`, port };
}

/** Kills every child still running (the exit path of the runner). */
export function killAll(): void {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
