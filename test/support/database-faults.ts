import { once } from 'node:events';
import { createConnection, createServer, Server, Socket } from 'node:net';
import { Client } from 'pg';
import { TestDatabase, testServerUrl } from './test-database';

/** The application_name of the suite's own checking connection, which the faults leave alone. */
export const CHECKER = 'tansiq-reliability-check';

/**
 * Faults on one test file's own database, never on the PostgreSQL server others share: its connections
 * terminated, or the database closed to new connections for a while.
 */
export class DatabaseFaults {
  private constructor(
    private readonly admin: Client,
    readonly name: string,
  ) {}

  /** Through the server's maintenance connection (its own database), not the test database. */
  static async open(database: TestDatabase): Promise<DatabaseFaults> {
    const admin = new Client({ connectionString: testServerUrl() });
    await admin.connect();
    const name = new URL(database.env.DATABASE_URL).pathname.slice(1);
    if (!/^tansiq_t_\w+$/.test(name)) throw new Error(`refusing to fault a database not made by the tests: ${name}`);
    return new DatabaseFaults(admin, name);
  }

  /** pg_terminate_backend on every connection to the test database but the checker's: how many it ended. */
  async terminate(): Promise<number> {
    const { rows } = await this.admin.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> $2`,
      [this.name, CHECKER],
    );
    return rows.filter((row) => row.ended).length;
  }

  /** The database goes away: no new connections, and the open ones ended. */
  async block(): Promise<number> {
    await this.admin.query(`ALTER DATABASE ${this.name} ALLOW_CONNECTIONS false`);
    return this.terminate();
  }

  async unblock(): Promise<void> {
    await this.admin.query(`ALTER DATABASE ${this.name} ALLOW_CONNECTIONS true`);
  }

  async close(): Promise<void> {
    await this.unblock().catch(() => undefined);
    await this.admin.end();
  }
}

/** A connection to the test database for checking what was committed, which the faults leave alone. */
export async function openChecker(database: TestDatabase): Promise<Client> {
  const client = new Client({ connectionString: database.env.DATABASE_URL, application_name: CHECKER });
  await client.connect();
  return client;
}

/**
 * A TCP hop between the nodes and PostgreSQL, so the database can become unreachable the way it does when its
 * server or network goes down (connections reset, new ones refused) or stalls (a partition: nothing answers,
 * nothing is closed) without touching the shared server.
 */
export class TcpProxy {
  private readonly open = new Set<Socket>();
  private server?: Server;
  /** While stalled, what each side sent waits here instead of reaching the other. */
  private held?: { to: Socket; chunk: Buffer }[];

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as { port: number };
    probe.close();
    await once(probe, 'close');
    const proxy = new TcpProxy(port, target);
    await proxy.restore();
    return proxy;
  }

  /** The DATABASE_URL for the nodes: the test database's, through this proxy. */
  urlFor(database: TestDatabase): string {
    const url = new URL(database.env.DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** Every connection reset, new ones refused (ECONNREFUSED) until restored. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.open.forEach((socket) => socket.resetAndDestroy());
    this.open.clear();
    if (server) await new Promise((done) => server.close(done));
  }

  /** Connections stay open and new ones are accepted, but nothing gets through until restored. */
  stall(): void {
    this.held ??= [];
  }

  /** Accepting and forwarding again; what a stall held back goes through, in order. */
  async restore(): Promise<void> {
    const held = this.held ?? [];
    this.held = undefined;
    for (const { to, chunk } of held) if (!to.destroyed) to.write(chunk);
    if (this.server) return;
    const server = createServer((inbound) => {
      const outbound = createConnection(this.target);
      const forward = (to: Socket) => (chunk: Buffer) => {
        if (this.held) this.held.push({ to, chunk });
        else to.write(chunk);
      };
      inbound.on('data', forward(outbound));
      outbound.on('data', forward(inbound));
      for (const socket of [inbound, outbound]) {
        this.open.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.open.delete(socket);
          inbound.destroy();
          outbound.destroy();
        });
      }
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
  }

  async stop(): Promise<void> {
    this.held = undefined;
    await this.cut();
  }
}
