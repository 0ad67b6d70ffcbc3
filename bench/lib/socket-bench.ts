/**
 * The shared shape of the socket benchmarks: one target (the product, or a bare baseline) started, its clients
 * connected from a generator, warmed up (every socket has received a message in each of its groups, so every room
 * join is done), measured phases, and everything closed again.
 */
import { BenchServer, BenchProcess, startProduct, startBaseline } from './processes';
import { startGenerator } from './harness';
import type { BenchUser } from './types';
import type { ClientKind, ClientSpec, ConnectResult, Sender, WarmupResult } from './generator-protocol';

/** The bare server's users: token → who, and the group ids whose rooms the socket joins. */
export type BareUsers = Record<string, { userId: string; displayName: string; groups: string[] }>;

export interface TargetOptions {
  databaseUrl?: string;
  profileDir?: string | null;
  label?: string;
  users?: BareUsers;
  /** threadId → groupId, for the bare server. */
  threads?: Record<string, string>;
  redisUrl?: string;
  redisPrefix?: string;
}

/**
 * Starts the target. `kind: 'product'` runs dist/main.js on the benchmark's database; `kind: 'bare'` runs the
 * Socket.IO baseline and hands it the same users, groups and threads.
 */
export async function startTarget(
  kind: 'product' | 'bare',
  { databaseUrl, profileDir, label, users, threads, redisUrl, redisPrefix }: TargetOptions,
): Promise<BenchServer> {
  if (kind === 'product') {
    if (databaseUrl === undefined) throw new Error('the product needs a databaseUrl');
    return startProduct({ databaseUrl, profileDir, label: label ?? 'product', redisUrl, redisPrefix });
  }
  const server = await startBaseline('bare-socketio.js', { label: label ?? 'bare-socketio', profileDir });
  await server.rpc('configure', { users, threads });
  return server;
}

/** The bare server's lookup table, built from the same user records and group memberships. */
export function bareUsers(
  users: BenchUser[],
  groupsOfUser: (userIndex: number) => number[],
  groupIds: string[],
): BareUsers {
  const table: BareUsers = {};
  users.forEach((u, i) => {
    table[u.token] = {
      userId: u.id,
      displayName: `Bench User ${u.index}`,
      groups: groupsOfUser(i).map((g) => groupIds[g]),
    };
  });
  return table;
}

/** Connects `specs` from a new generator and warms the rooms up. */
export async function connectClients(
  log: (message: string) => void,
  specs: ClientSpec[],
  senders: Sender[],
  { kind = 'lean', label }: { kind?: ClientKind; label?: string } = {},
): Promise<BenchProcess> {
  const generator = startGenerator(label);
  const connected = await generator.rpc<ConnectResult>('connect', { clients: specs, kind, concurrency: 50 });
  log(
    `${connected.connected}/${specs.length} sockets connected in ${(connected.ms / 1000).toFixed(1)} s${connected.failed ? ` (${connected.failed} failed: ${connected.errors[0]})` : ''}`,
  );
  if (connected.failed)
    throw new Error(`${connected.failed} sockets failed to connect: ${connected.errors.join('; ')}`);
  const warm = await generator.rpc<WarmupResult>('warmup', { senders, timeoutMs: 60_000 });
  if (!warm.ok) throw new Error(`warm-up incomplete: ${warm.missing} socket-group pairs never received a message`);
  return generator;
}
