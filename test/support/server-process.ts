import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const MAIN = resolve(ROOT, 'dist/main.js');
// A fresh embedded start (initdb, PostgreSQL, every migration) takes ~4 CPU-seconds; on CI's two cores, shared with
// jest workers and other suites' servers, it once took longer than 30 s. The budget is for a loaded machine.
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const KEPT_OUTPUT_CHARS = 20_000;
/** What main.ts prints once its own listen() has succeeded. */
const LISTENING = 'Tansiq is running at';

/**
 * Preloaded into every server: exits when this test process goes away (stdin reaches its end), so a crashed or
 * killed Jest worker leaves no server behind. Jest gives test files a copy of `process` whose 'exit' never fires,
 * so the server has to watch for its parent itself.
 */
const EXIT_WITH_PARENT = "process.stdin.on('end',()=>process.exit(1)).on('error',()=>process.exit(1)).resume();";

export interface ServerProcess {
  url: string;
  port: number;
  process: ChildProcess;
  /** The environment it was started with, the inherited one included. */
  env: NodeJS.ProcessEnv;
  /** What the server printed so far, stdout and stderr interleaved (the tail only). */
  output(): string;
  /** Sends a signal (SIGKILL by default: a crash) and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Graceful shutdown: SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** A port nothing listens on right now: the OS picks one, we release it for the server to take. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * The built server (`dist/main.js`) as a separate process, configured by `env` only, ready once /api/health
 * answers 200. The test's own environment is inherited; `env` overrides it and PORT is a free port, or `port` when
 * given (a node restarted where a load balancer expects it).
 */
export async function startServer(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startServerOnce(env, port ?? (await freePort()));
    } catch (error) {
      // The port was free when picked; another test's server may have taken it before this one listened.
      if (attempt >= 3 || !/EADDRINUSE/.test((error as Error).message)) throw error;
    }
  }
}

async function startServerOnce(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const serverEnv = { ...process.env, ...env };
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(EXIT_WITH_PARENT)}`, MAIN],
    {
      cwd: ROOT,
      env: { ...serverEnv, PORT: String(port) },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      running.delete(child);
      done();
    });
  });
  let output = '';
  let listening = false;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
    listening ||= output.includes(LISTENING);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Writing to a server that has just died must not crash the test.
  child.stdin?.on('error', () => undefined);

  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (hasExited()) return;
    child.kill(signal);
    await exited;
  };
  const stop = async () => {
    if (hasExited()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  const server: ServerProcess = { url, port, process: child, env: serverEnv, output: () => output, kill, stop };

  try {
    // Its own start-up line first: the port was free when picked, but another test's server may have taken it
    // since, and then /api/health would answer for that one while this one exits with EADDRINUSE.
    await waitUntilHealthy(url, hasExited, () => listening);
  } catch (error) {
    await kill();
    throw new Error(
      `server on port ${port} did not start: ${(error as Error).message}\n--- its output ---\n${output}`,
      {
        cause: error,
      },
    );
  }
  return server;
}

/** Stops every server still running: for afterAll, so a failed test leaves none behind. */
export async function stopAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }),
  );
}

async function waitUntilHealthy(url: string, hasExited: () => boolean, listening: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('the process exited');
    if (!listening()) {
      last = 'not listening yet';
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `GET /api/health answered ${res.status}: ${await res.text()}`;
    } catch (error) {
      last = `GET /api/health failed: ${(error as Error).message}`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy within ${READY_TIMEOUT_MS / 1000} s (${last})`);
}
