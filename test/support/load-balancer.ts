import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './server-process';
import { waitFor } from './sockets';

/** The deployment's own load-balancer configuration: the tests run this file, not a copy of it. */
export const HAPROXY_CONFIG = resolve(__dirname, '../../docker/haproxy.cfg');

/**
 * The only strings replaced to run docker/haproxy.cfg outside Docker: the two nodes' addresses and the listen port.
 * Each must occur exactly once in the file; anything else in it runs as written (its `resolvers` section included:
 * an address given as an IP is never looked up).
 */
export const TEMPLATE = { app1: 'app1:3000', app2: 'app2:3000', bind: 'bind :8080' } as const;

export function haproxyInstalled(): boolean {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** docker/haproxy.cfg with the nodes at `app1` and `app2` (host:port) and listening on 127.0.0.1:`port`. */
export function templatedConfig(app1: string, app2: string, port: number): string {
  let text = readFileSync(HAPROXY_CONFIG, 'utf8');
  const replace = (from: string, to: string) => {
    const found = text.split(from).length - 1;
    if (found !== 1) throw new Error(`docker/haproxy.cfg holds "${from}" ${found} times, not once`);
    text = text.replace(from, to);
  };
  replace(TEMPLATE.app1, app1);
  replace(TEMPLATE.app2, app2);
  replace(TEMPLATE.bind, `bind 127.0.0.1:${port}`);
  return text;
}

export interface LoadBalancer {
  url: string;
  process: ChildProcess;
  output(): string;
  /** Requests HAProxy logged as sent again to a node (after a refused connection, an empty answer or a 503). */
  retried(): number;
  stop(): Promise<void>;
}

/** The tail of an `option httplog` line: `actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue "request"`. */
const RETRIES = / \d+\/\d+\/\d+\/\d+\/\+?(\d+) \d+\/\d+ "/;

/** HAProxy in the foreground (`-db`) on a free port in front of two nodes, ready once it answers through a node. */
export async function startLoadBalancer(app1: string, app2: string): Promise<LoadBalancer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tansiq-lb-'));
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, templatedConfig(app1, app2, port));
  const child = spawn('haproxy', ['-f', file, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let retried = 0;
  let partial = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-50_000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (Number(RETRIES.exec(line)?.[1] ?? 0) > 0) retried += 1;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    let ready = false;
    const probe = async () => {
      while (!ready && child.exitCode === null) {
        const res = await fetch(`${url}/api/health/ready`).catch(() => undefined);
        ready = res?.status === 200;
        await res?.text();
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
    };
    void probe();
    await waitFor(() => ready || child.exitCode !== null, 10_000, 'HAProxy to answer through a node');
    if (!ready) throw new Error('HAProxy exited');
  } catch (error) {
    await stop();
    throw new Error(`HAProxy did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return { url, process: child, output: () => output, retried: () => retried, stop };
}
