import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { CatchUp } from '../../src/events/change-feed.service';
import type { FeedEvent } from '../../src/events/events';
import type { Ack } from '../../src/realtime/socket-protocol';
import { PASSWORD, uniqueEmail } from './factories';
import { ServerProcess } from './server-process';
import type { TestDatabase } from './test-database';
import { openSocket, sleep, TestSocket, waitFor } from './sockets';

/** Clients of a cluster of server processes, as the web client behaves: replicas by seq, failover, a steady writer. */
/** One change every 10 ms (plus the request's own time): a few dozen land while the client backs off. */
export const WRITE_EVERY_MS = 10;
/** socket.io-client's default back-off before retrying, without jitter so the figures compare between runs. */
export const RECONNECT_DELAY_MS = 1000;

/** Where requests go: a server process, or a load balancer in front of some (its env: the nodes' shared one). */
export type Endpoint = Pick<ServerProcess, 'url' | 'env'>;

export interface User {
  id: string;
  accessToken: string;
}

/** One group's feed as the web client keeps it: applied in seq order exactly once; what runs ahead waits. */
export class GroupReplica {
  readonly applied: FeedEvent[] = [];
  duplicates = 0;
  private readonly ahead = new Map<number, FeedEvent>();

  constructor(private readonly groupId: string) {}

  get last(): number {
    return this.applied.at(-1)?.seq ?? 0;
  }

  /** True while something received is waiting for an earlier seq: a gap only a catch-up can fill. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  receive(event: FeedEvent): void {
    if (event.groupId !== this.groupId) return;
    if (event.seq <= this.last || this.ahead.has(event.seq)) {
      this.duplicates += 1;
      return;
    }
    this.ahead.set(event.seq, event);
    for (let next = this.ahead.get(this.last + 1); next; next = this.ahead.get(this.last + 1)) {
      this.ahead.delete(next.seq);
      this.applied.push(next);
    }
  }
}

interface SyncRecord {
  url: string;
  after: number;
  seqs: number[];
  resync: boolean;
  hasMore: boolean;
}

/**
 * A client as the web client behaves: live events into the replica, a catch-up by seq on every connect and on
 * every gap, socket.io's own reconnection to its node first, and the next node once that node refuses.
 */
export class FailoverClient {
  readonly replica: GroupReplica;
  readonly sockets: TestSocket[] = [];
  readonly syncs: SyncRecord[] = [];
  readonly disconnects: { url: string; reason: string; at: number }[] = [];
  readonly errors: string[] = [];
  connectedTo: string | null = null;
  syncing: Promise<void> | null = null;
  private readonly live = new Map<string, number>();
  private syncAgain = false;
  private closed = false;
  private current!: { socket: TestSocket; url: string };

  constructor(
    private readonly urls: string[],
    private readonly token: string,
    private readonly groupId: string,
    /** More socket.io-client options: another transport, a cookie jar. */
    private readonly socketOptions: Record<string, unknown> = {},
  ) {
    this.replica = new GroupReplica(groupId);
    this.open(0);
  }

  liveFrom(url: string): number {
    return this.live.get(url) ?? 0;
  }

  close(): void {
    this.closed = true;
    this.sockets.forEach((socket) => socket.close());
  }

  private open(index: number): void {
    const url = this.urls[index];
    const socket = openSocket(url, this.token, {
      ...this.socketOptions,
      reconnection: true,
      reconnectionDelay: RECONNECT_DELAY_MS,
      randomizationFactor: 0,
    });
    this.sockets.push(socket);
    this.current = { socket, url };
    socket.on('connect', () => {
      this.connectedTo = url;
      void this.sync();
    });
    socket.on('event', (event) => {
      this.live.set(url, this.liveFrom(url) + 1);
      this.replica.receive(event);
      if (this.replica.hasGap) void this.sync();
    });
    socket.on('disconnect', (reason) => {
      this.connectedTo = null;
      this.disconnects.push({ url, reason, at: Date.now() });
      // socket.io does not reconnect by itself when the server ends the connection; the web client does.
      if (reason === 'io server disconnect' && !this.closed) socket.connect();
    });
    socket.io.on('reconnect_error', () => {
      if (this.closed || index + 1 >= this.urls.length) return;
      socket.close();
      this.open(index + 1);
    });
  }

  /**
   * Catches up from the last applied seq on the current socket, one catch-up at a time; again when asked
   * meanwhile (a new connection, a new gap) or while a gap remains.
   */
  private sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    const { socket, url } = this.current;
    this.syncing = (async () => {
      try {
        for (let round = 0; round === 0 || this.syncAgain || this.replica.hasGap; round += 1) {
          if (round >= 10) throw new Error(`a gap after seq ${this.replica.last} survived 10 catch-ups`);
          this.syncAgain = false;
          await this.catchUp(socket, url);
        }
      } catch (error) {
        // A socket that went away takes its catch-up with it; the next connection asks again.
        if (socket.connected) this.errors.push(`sync on ${url}: ${(error as Error).message}`);
      } finally {
        this.syncing = null;
      }
      if (this.syncAgain && !this.closed && this.current.socket.connected) void this.sync();
    })();
    return this.syncing;
  }

  private async catchUp(socket: TestSocket, url: string): Promise<void> {
    for (let hasMore = true; hasMore;) {
      const after = this.replica.last;
      const answer: Ack<CatchUp> = await socket.timeout(5000).emitWithAck('sync', { groupId: this.groupId, after });
      if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.error)}`);
      const { events, resync } = answer.data;
      this.syncs.push({ url, after, seqs: events.map((e) => e.seq), resync, hasMore: answer.data.hasMore });
      if (resync) throw new Error(`told to resync after seq ${after}`);
      events.forEach((event) => this.replica.receive(event));
      hasMore = answer.data.hasMore;
    }
  }
}

/** Changes the group's purpose through one node, one change at a time, noting the seq each one got. */
export class Writer {
  readonly writes: { seq: number; purpose: string }[] = [];
  failure?: Error;
  private stopped = false;

  constructor(
    private readonly node: ServerProcess,
    private readonly by: User,
    private readonly groupId: string,
  ) {}

  get firstSeq(): number {
    return this.writes[0]?.seq ?? 0;
  }

  get lastSeq(): number {
    return this.writes.at(-1)?.seq ?? 0;
  }

  /** Writes until stopped; a refused write stops it and is kept in `failure` rather than thrown. */
  async run(): Promise<void> {
    try {
      while (!this.stopped) {
        const purpose = `Change ${this.writes.length + 1}`;
        const group = await api<{ lastSeq: number }>(this.node, 'PATCH', `/api/groups/${this.groupId}`, this.by, {
          purpose,
        });
        this.writes.push({ seq: group.lastSeq, purpose });
        await sleep(WRITE_EVERY_MS);
      }
    } catch (error) {
      this.failure = error as Error;
    }
  }

  /** Waits for a condition, giving up at once with the writer's error if it has stopped on one. */
  until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return waitFor(
      () => {
        if (this.failure) throw this.failure;
        return check();
      },
      timeoutMs,
      what,
    );
  }

  stop(): void {
    this.stopped = true;
  }
}

export async function api<T>(node: Endpoint, method: string, path: string, user?: User, body?: unknown): Promise<T> {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(user ? { Authorization: `Bearer ${user.accessToken}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} on ${node.url} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/**
 * An account on a server process, signed in. Its address is marked confirmed in the node's database directly: these
 * tests are about delivery across nodes, and the confirmation link itself is tested in-process (email-verification).
 */
export async function register(node: Endpoint): Promise<User> {
  const email = uniqueEmail();
  await api(node, 'POST', '/api/auth/register', undefined, { email, password: PASSWORD, displayName: 'Test User' });
  await markEmailConfirmed(node, email);
  const body = await api<{ user: { id: string }; accessToken: string }>(node, 'POST', '/api/auth/login', undefined, {
    email,
    password: PASSWORD,
  });
  return { id: body.user.id, accessToken: body.accessToken };
}

/** The database a server process runs on: its DATABASE_URL, else the embedded cluster in its DATA_DIR. */
export async function markEmailConfirmed(node: Endpoint, email: string): Promise<void> {
  const url = node.env.DATABASE_URL;
  const client = url
    ? new Client({ connectionString: url })
    : new Client({ host: join(node.env.DATA_DIR ?? 'data', 'run'), user: 'postgres', database: 'tansiq' });
  await client.connect();
  try {
    const done = await client.query('UPDATE users SET email_verified_at = now() WHERE email = $1', [email]);
    if (done.rowCount !== 1) throw new Error(`no account at ${email} on ${node.url}`);
  } finally {
    await client.end();
  }
}

/** A group made entirely through one node: its facilitator and a member. */
export async function setupGroup(node: Endpoint) {
  const facilitator = await register(node);
  const member = await register(node);
  const group = await api<{ id: string; lastSeq: number }>(node, 'POST', '/api/groups', facilitator, {
    name: `Group ${randomBytes(3).toString('hex')}`,
  });
  await api(node, 'POST', `/api/groups/${group.id}/members`, facilitator, { userId: member.id, role: 'member' });
  return { group, facilitator, member };
}

/**
 * The server joins a socket to its rooms just after the handshake and then announces the user online to their
 * groups, the socket included: that announcement says the socket is in its rooms.
 */
export function inRooms(socket: TestSocket, user: User, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('no presence announcement: the socket may not be in its rooms')),
      timeoutMs,
    );
    socket.on('presence', (presence) => {
      if (presence.userId !== user.id || !presence.online) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The environment of server processes that form one cluster: the test database, the run's Redis under its own
 * prefix, one signing secret, no demo, and sign-in limits out of the way of many test users. `extra` adds to it.
 */
export function clusterEnv(
  database: TestDatabase,
  redisPrefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...database.env,
    REDIS_URL: process.env.REDIS_URL ?? '',
    REDIS_PREFIX: redisPrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '100000',
    NODE_ENV: 'test',
    ...extra,
  };
}

/** The adapter's stream and the throttle counters the nodes left under this run's prefix. */
export async function forgetRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? '', { lazyConnect: true });
  try {
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}
