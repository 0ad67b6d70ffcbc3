import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { api, register, User } from './cluster-client';
import { ServerProcess, startServer } from './server-process';
import { sleep } from './sockets';
import { TestDatabase } from './test-database';

/**
 * The reliability suite's knobs. The default run is sized to fit in a few minutes on two cores beside the other
 * test files; CHAOS_FULL=1 (`npm run test:chaos`) runs the figures the issue names.
 */
export const CHAOS_FULL = process.env.CHAOS_FULL === '1';

export function scaled(quick: number, full: number): number {
  return CHAOS_FULL ? full : quick;
}

/** One figure per line, "name: value", so a run's figures can be read (or grepped) from its output. */
export function figure(name: string, value: string | number): void {
  console.log(`${name}: ${value}`);
}

/** Two real server processes need PostgreSQL and Redis; without them a suite says so and is skipped. */
export function clusterSuite(name: string): { run: jest.Describe; title: string } {
  const configured = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
  const title = configured ? name : `${name} (skipped: needs DATABASE_URL and REDIS_URL)`;
  if (!configured) console.warn(`${title}: set both to run it against real servers`);
  return { run: configured ? describe : describe.skip, title };
}

/** What every node of one test file's cluster shares: its database, a Redis, one secret, one key prefix. */
export function nodeEnv(database: TestDatabase, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...database.env,
    REDIS_URL: process.env.REDIS_URL ?? '',
    REDIS_PREFIX: `t${randomBytes(4).toString('hex')}:`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '100000',
    WRITE_RATE_LIMIT: '1000000',
    SOCKET_EVENT_RATE_LIMIT: '10000000',
    MAX_SOCKETS_PER_USER: '100000',
    NODE_ENV: 'test',
    ...overrides,
  };
}

/**
 * startServer, tried again for a while when the node does not come up: dist/ may be mid-rebuild by someone else
 * (a module missing for a moment), or the node may be starting while its database is still away.
 */
export async function startNode(env: Record<string, string>, forMs = 60_000, port?: number): Promise<ServerProcess> {
  const deadline = Date.now() + forMs;
  for (;;) {
    try {
      return await startServer(env, port);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(1000);
    }
  }
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index], index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const clientId = () => randomBytes(12).toString('base64url');

export interface GroupWithThread {
  id: string;
  threadId: string;
  facilitator: User;
  members: User[];
}

/** A group, its discussion thread and `memberCount` members, made through the given nodes in turn. */
export async function groupWithMembers(nodes: ServerProcess[], memberCount: number): Promise<GroupWithThread> {
  const facilitator = await register(nodes[0]);
  const group = await api<{ id: string }>(nodes[0], 'POST', '/api/groups', facilitator, {
    name: `Group ${randomBytes(3).toString('hex')}`,
  });
  const thread = await api<{ id: string }>(nodes[0], 'POST', `/api/groups/${group.id}/threads`, facilitator, {
    title: 'Reliability',
    kind: 'discussion',
  });
  const members = await mapLimit(Array.from({ length: memberCount }), 4, async (_, i) => {
    const node = nodes[i % nodes.length];
    const member = await register(node);
    await api(node, 'POST', `/api/groups/${group.id}/members`, facilitator, { userId: member.id, role: 'member' });
    return member;
  });
  return { id: group.id, threadId: thread.id, facilitator, members };
}

/** A connection to the test file's own database, for checking what was committed. */
export async function openDatabase(database: TestDatabase): Promise<Client> {
  const client = new Client({ connectionString: database.env.DATABASE_URL });
  await client.connect();
  return client;
}

export interface StoredMessage {
  id: string;
  groupId: string;
  seq: number;
  body: string;
}

export async function storedMessages(db: Client, groupIds: string[]): Promise<StoredMessage[]> {
  const { rows } = await db.query<{ id: string; group_id: string; seq: string; body: string }>(
    'SELECT id, group_id, seq, body FROM messages WHERE group_id = ANY($1::uuid[])',
    [groupIds],
  );
  return rows.map((row) => ({ id: row.id, groupId: row.group_id, seq: Number(row.seq), body: row.body }));
}

/** Per group: its newest seq and how many seqs from 1 to it have no stored event (a gap-free feed has none). */
export async function feedGaps(
  db: Client,
  groupIds: string[],
): Promise<Map<string, { lastSeq: number; gaps: number }>> {
  const { rows } = await db.query<{ id: string; last_seq: string; present: string }>(
    `SELECT g.id, g.last_seq,
            (SELECT count(DISTINCT e.seq) FROM group_events e WHERE e.group_id = g.id AND e.seq BETWEEN 1 AND g.last_seq)
              AS present
       FROM working_groups g WHERE g.id = ANY($1::uuid[])`,
    [groupIds],
  );
  return new Map(
    rows.map((row) => [row.id, { lastSeq: Number(row.last_seq), gaps: Number(row.last_seq) - Number(row.present) }]),
  );
}

/** Bodies stored more than once: each send in these suites has a body of its own, so any is a duplicate. */
export function duplicates(messages: StoredMessage[]): number {
  return messages.length - new Set(messages.map((m) => m.body)).size;
}

/**
 * Everything a node prints, kept whole (the server handle keeps only a tail): its error-level JSON lines and,
 * if it crashes, the trace Node prints on the way out.
 */
export class NodeLog {
  private text = '';

  constructor(readonly node: ServerProcess) {
    const keep = (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
    };
    node.process.stdout?.on('data', keep);
    node.process.stderr?.on('data', keep);
  }

  /**
   * Error-level lines (pino JSON, level 50 and up). A 503 of /api/health during an outage is the health check doing
   * its job and is left out, and so is pino-http's own line for every 5xx response (the error filter logs the cause).
   */
  errors(): string[] {
    return this.text
      .split('\n')
      .filter((line) => /^\{.*"level":(5|6)\d/.test(line))
      .filter((line) => !line.includes('"url":"/api/health"') && !line.includes('"msg":"request errored"'));
  }

  tail(chars = 6000): string {
    return this.text.slice(-chars);
  }

  /** Prints the node's last output the moment it exits unless `expected()` says the test meant it to. */
  reportCrash(name: string, expected: () => boolean): void {
    this.node.process.once('exit', (code, signal) => {
      if (expected()) return;
      console.log(`${name} crashed (exit ${code ?? signal}); its last output:\n${this.tail()}`);
    });
  }
}

/** Logged errors counted by their cause, `code: message` (the code PostgreSQL or Node gave, if any). */
export function errorCauses(lines: string[]): Record<string, number> {
  return countBy(
    lines.map((line) => {
      const err = (JSON.parse(line) as { err?: { code?: string; message?: string } }).err;
      return `${err?.code ?? 'no code'}: ${err?.message ?? '?'}`;
    }),
  );
}

export function isAlive(node: ServerProcess): boolean {
  return node.process.exitCode === null && node.process.signalCode === null;
}

export async function healthStatus(node: ServerProcess, timeoutMs = 2000): Promise<number> {
  try {
    const res = await fetch(`${node.url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.text();
    return res.status;
  } catch {
    return 0;
  }
}

export const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** "slowest s (median m s)" of some durations in milliseconds. */
export function spread(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return `${seconds(sorted.at(-1) ?? 0)} s (median ${seconds(sorted[sorted.length >> 1] ?? 0)} s)`;
}

export function countBy(values: (number | string)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
