import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './server-process';
import { sleep } from './sockets';

/**
 * A Redis of the test's own, to pause, kill connections on or stop without touching the shared one other test
 * files use. It runs under a small shell that kills it when its stdin closes, which happens when the test process
 * goes away, however it goes: a crashed Jest worker leaves no Redis behind.
 */
export class PrivateRedis {
  private paused = false;

  private constructor(
    readonly port: number,
    readonly pid: number,
    private readonly keeper: ChildProcess,
    private readonly admin: Redis,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const server = `redis-server --port ${port} --bind 127.0.0.1 --save '' --appendonly no --daemonize no --loglevel warning`;
    const keeper = spawn('sh', ['-c', `${server} & pid=$!; cat >/dev/null; kill -CONT $pid; kill $pid; wait $pid`], {
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    keeper.stdin?.on('error', () => undefined);
    const deadline = Date.now() + 10_000;
    let admin: Redis;
    for (;;) {
      admin = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      admin.on('error', () => undefined);
      try {
        await admin.connect();
        break;
      } catch (error) {
        admin.disconnect();
        if (Date.now() > deadline || keeper.exitCode !== null) {
          keeper.stdin?.end();
          throw new Error(`private redis-server on port ${port} did not start: ${(error as Error).message}`, {
            cause: error,
          });
        }
        await sleep(50);
      }
    }
    const pid = Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
    return new PrivateRedis(port, pid, keeper, admin);
  }

  /** SIGSTOP: connections stay open, nothing answers, as when Redis stalls. */
  pause(): void {
    process.kill(this.pid, 'SIGSTOP');
    this.paused = true;
  }

  resume(): void {
    process.kill(this.pid, 'SIGCONT');
    this.paused = false;
  }

  /** `CLIENT KILL <filter…>` with SKIPME yes: how many connections Redis closed. */
  async killClients(...filter: string[]): Promise<number> {
    return (await this.admin.call('CLIENT', 'KILL', ...filter, 'SKIPME', 'yes')) as number;
  }

  /** Names and types of the connections open now (`CLIENT LIST`), this admin connection left out. */
  async clients(): Promise<{ name: string; flags: string; cmd: string }[]> {
    const list = (await this.admin.call('CLIENT', 'LIST')) as string;
    const fields = (line: string) => new Map(line.split(' ').map((pair) => pair.split('=') as [string, string]));
    const me = await this.admin.client('ID');
    return list
      .trim()
      .split('\n')
      .map(fields)
      .filter((f) => f.get('id') !== String(me))
      .map((f) => ({ name: f.get('name') ?? '', flags: f.get('flags') ?? '', cmd: f.get('cmd') ?? '' }));
  }

  async stop(): Promise<void> {
    if (this.paused) this.resume();
    this.admin.disconnect();
    if (this.keeper.exitCode !== null) return;
    const exited = once(this.keeper, 'exit');
    this.keeper.stdin?.end();
    await exited;
  }
}
