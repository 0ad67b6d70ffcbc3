import type { Client } from 'pg';
import type { ErrorResponse } from '../../src/common/error-response';
import type { PostedMessage } from '../../src/threads/messages.service';
import { ChaosClient } from './chaos-client';
import { groupWithMembers, GroupWithThread, healthStatus, isAlive, NodeLog, nodeEnv, startNode } from './chaos';
import { forgetRedisKeys, User } from './cluster-client';
import { DatabaseFaults, openChecker, TcpProxy } from './database-faults';
import { ServerProcess, stopAllServers } from './server-process';
import { sleep, waitFor } from './sockets';
import { createTestDatabase, TestDatabase } from './test-database';

/** Longer than this is a hang: the answer a client waits for during a database outage is a quick 503. */
export const HANG_MS = 5_000;

export interface Answer {
  status: number;
  ms: number;
  body: unknown;
}

/** One REST request with a deadline: its status (0 when none came within twice HANG_MS), time and JSON body. */
export async function request(
  node: ServerProcess,
  method: string,
  path: string,
  user: User | undefined,
  body?: unknown,
): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(`${node.url}${path}`, {
      method,
      headers: {
        ...(user ? { Authorization: `Bearer ${user.accessToken}` } : {}),
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(2 * HANG_MS),
    });
    const text = await res.text();
    return { status: res.status, ms: Date.now() - started, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status: 0, ms: Date.now() - started, body: undefined };
  }
}

/** The documented outage answer: 503 in the one error shape. */
export function isUnavailable(error: unknown): boolean {
  const e = error as Partial<ErrorResponse> | undefined;
  return e?.statusCode === 503 && e.error === 'Service Unavailable' && typeof e.message === 'string';
}

/**
 * Two nodes on a database of their own, reached through a TCP proxy (so it can stall or vanish the way a server
 * does) and open to faults on its connections; a group with members, half of them with a socket client. The nodes
 * are supervised as a service manager would: a crash is reported with its output, counted, and the node started
 * again (retrying while the database is still away), so one crash does not stall the rest of the run.
 */
export class FaultCluster {
  readonly nodes: ServerProcess[] = [];
  readonly clients: ChaosClient[] = [];
  group!: GroupWithThread;
  faults!: DatabaseFaults;
  proxy!: TcpProxy;
  /** A connection for checking what was committed, which the faults leave alone. */
  checker!: Client;
  /** Every node's log, the crashed ones' included. */
  private readonly logs: NodeLog[] = [];
  private readonly errorsSeen = new Map<NodeLog, number>();
  private readonly restarts: Promise<void>[] = [];
  private crashCount = 0;
  private stopping = false;
  private database?: TestDatabase;
  private env: Record<string, string> = {};

  async start(members: number): Promise<void> {
    this.database = await createTestDatabase();
    const target = new URL(this.database.env.DATABASE_URL);
    this.proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    this.env = nodeEnv(this.database, { DATABASE_URL: this.proxy.urlFor(this.database) });
    await Promise.all([this.supervise(0), this.supervise(1)]);
    this.faults = await DatabaseFaults.open(this.database);
    this.checker = await openChecker(this.database);
    this.group = await groupWithMembers(this.nodes, members);
    this.group.members.forEach((member, i) => {
      if (i % 2 === 1) return;
      const slots = () => this.nodes.map((n) => n.url);
      this.clients.push(new ChaosClient(slots, member.accessToken, this.group.id, i % 4 ? 1 : 0));
    });
    await waitFor(() => this.clients.every((c) => c.caughtUp.length > 0), 10_000, 'every socket client connected');
  }

  /** The members without a socket client, who write over REST. */
  get restUsers(): User[] {
    return this.group.members.filter((_, i) => i % 2 === 1);
  }

  /** Before a check: any node that crashed in the last one is up again, and the crash count starts over. */
  async settle(): Promise<void> {
    await Promise.all(this.restarts.splice(0));
    this.crashCount = 0;
  }

  /** Crashes since settle(), plus nodes alive but not healthy now. */
  async crashes(): Promise<number> {
    await Promise.all(this.restarts.splice(0));
    const statuses = await Promise.all(this.nodes.map((node) => healthStatus(node)));
    const unhealthy = this.nodes.filter((node, i) => isAlive(node) && statuses[i] !== 200);
    unhealthy.forEach((node) =>
      console.log(`${node.url} answers /api/health with ${statuses[this.nodes.indexOf(node)]}`),
    );
    return this.crashCount + unhealthy.length;
  }

  /** The error lines the nodes logged since the last call. */
  newErrors(): string[] {
    return this.logs.flatMap((log) => {
      const errors = log.errors();
      const fresh = errors.slice(this.errorsSeen.get(log) ?? 0);
      this.errorsSeen.set(log, errors.length);
      return fresh;
    });
  }

  /** Posts over REST, alternating nodes, retrying with the same clientId until acknowledged; notes each refusal. */
  async postUntilAcked(user: User, body: string, id: string, refused: Answer[] = [], deadlineMs = 60_000) {
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 0; Date.now() < deadline; attempt += 1) {
      const answer = await request(
        this.nodes[attempt % 2],
        'POST',
        `/api/threads/${this.group.threadId}/messages`,
        user,
        { body, clientId: id },
      );
      if (answer.status === 201) return answer.body as PostedMessage;
      refused.push(answer);
      // 401 too: the token is valid, so a 401 here is the outage misreported (counted and asserted on by the caller).
      if (answer.status !== 0 && answer.status !== 401 && answer.status < 500) {
        throw new Error(`post refused: ${JSON.stringify(answer.body)}`);
      }
      await sleep(Math.min(100 * (attempt + 1), 1000));
    }
    throw new Error(`post ${id} not acknowledged within ${deadlineMs} ms`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.restarts);
    this.clients.forEach((client) => client.close());
    await stopAllServers();
    await this.faults?.close();
    await this.checker?.end();
    await this.proxy?.stop();
    await this.database?.drop();
    if (this.env.REDIS_PREFIX) await forgetRedisKeys(this.env.REDIS_PREFIX);
  }

  private async supervise(i: number): Promise<void> {
    const node = await startNode(this.env, this.stopping ? 0 : 60_000);
    this.nodes[i] = node;
    const log = new NodeLog(node);
    this.logs.push(log);
    log.reportCrash(`node ${i}`, () => this.stopping);
    node.process.once('exit', () => {
      if (this.stopping) return;
      this.crashCount += 1;
      this.restarts.push(this.supervise(i));
    });
  }
}
