/**
 * Test data through the product's own REST API: users (registered once per bench run into a template database,
 * then cloned for each benchmark, because registration is deliberately slow: argon2id), groups, members, threads.
 */
import { Client, ClientConfig } from 'pg';
import { createDatabase, dropDatabase, urlOf } from './db';
import { startProduct } from './processes';
import { progress } from './report';
import type { BenchUser } from './types';

export const PASSWORD = 'bench-password-2026';

/** One request to the product's API; `T` is the route's answer (its DTO), as the product documents it. */
export async function api<T = unknown>(
  url: string,
  method: string,
  path: string,
  token: string | null,
  body?: object,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      // A loaded server may drop a connection; setup requests are retried a few times.
      if (attempt < 4) continue;
      throw new Error(`${method} ${path} failed: ${(error as Error).message}`, { cause: error });
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

export async function pool<I, R>(
  items: I[],
  concurrency: number,
  work: (item: I, index: number) => Promise<R>,
  label?: string,
): Promise<R[]> {
  let next = 0;
  let done = 0;
  const results = new Array<R>(items.length);
  const tick = label ? progress(label, items.length) : null;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
        done += 1;
        tick?.(done);
      }
    }),
  );
  tick?.(items.length, true);
  return results;
}

/**
 * The run's user pool: a template database holding `count` registered users plus the workspace admin (the first
 * account registered). Grown on demand; every benchmark gets a copy (CREATE DATABASE ... TEMPLATE).
 */
/** What POST /api/auth/login answers (the parts the bench uses). */
export interface Registered {
  user: { id: string };
  accessToken: string;
}

/**
 * A signed-in account: registered, its address marked confirmed in the product's database (`database`: a connection
 * string, or the embedded cluster's socket folder and database), then signed in. The bench has no mailbox; the
 * confirmation link is the e2e tests' to check.
 */
export async function registerConfirmed(
  url: string,
  database: ClientConfig,
  account: { email: string; displayName: string },
): Promise<{ id: string; token: string }> {
  await api(url, 'POST', '/api/auth/register', null, { ...account, password: PASSWORD });
  const client = new Client(database);
  await client.connect();
  try {
    await client.query('UPDATE users SET email_verified_at = now() WHERE email = $1', [account.email]);
  } finally {
    await client.end();
  }
  const body = await api<Registered>(url, 'POST', '/api/auth/login', null, {
    email: account.email,
    password: PASSWORD,
  });
  return { id: body.user.id, token: body.accessToken };
}

export class UserPool {
  readonly template: string;
  admin: BenchUser | null = null;
  users: BenchUser[] = [];
  created = false;
  setupMs = 0;
  clones = 0;

  constructor(runId: string) {
    this.template = `tansiq_bench_${runId}_users`;
  }

  async ensure(count: number): Promise<void> {
    if (this.created && this.users.length >= count) return;
    const started = Date.now();
    if (!this.created) {
      await createDatabase(this.template);
      this.created = true;
    }
    const server = await startProduct({ databaseUrl: urlOf(this.template), label: 'product-setup' });
    try {
      const register = async (i: number): Promise<BenchUser> => {
        const account = { email: `bench-user-${i}@bench.example`, displayName: `Bench User ${i}` };
        const { id, token } = await registerConfirmed(server.url, { connectionString: urlOf(this.template) }, account);
        return { id, token, index: i };
      };
      if (!this.admin) this.admin = await register(0);
      const from = this.users.length + 1;
      const indices = Array.from({ length: count - this.users.length }, (_, k) => from + k);
      // The server hashes on its thread pool: 4 requests in flight keep both cores busy.
      const added = await pool(indices, 4, register, `registering ${indices.length} users (argon2id)`);
      this.users.push(...added);
    } finally {
      await server.stop();
    }
    this.setupMs += Date.now() - started;
  }

  /** A fresh database for one benchmark, holding the pool's users (their tokens stay valid: same secret). */
  /** The first account registered by ensure(): it creates the groups (any account may; it is not an admin). */
  get adminUser(): BenchUser {
    if (!this.admin) throw new Error('the user pool has no admin yet: ensure() first');
    return this.admin;
  }

  async clone(name: string): Promise<{ dbName: string; databaseUrl: string; drop: () => Promise<void> }> {
    this.clones += 1;
    const dbName = `tansiq_bench_${this.template.split('_')[2]}_${name}_${this.clones}`;
    const databaseUrl = await createDatabase(dbName, this.template);
    return { dbName, databaseUrl, drop: () => dropDatabase(dbName) };
  }

  async drop(): Promise<void> {
    if (this.created) await dropDatabase(this.template);
    this.created = false;
  }
}

export async function createGroup(url: string, token: string, name: string): Promise<string> {
  return (await api<{ id: string }>(url, 'POST', '/api/groups', token, { name })).id;
}

export async function createThread(
  url: string,
  token: string,
  groupId: string,
  title = 'Bench discussion',
): Promise<string> {
  return (
    await api<{ id: string }>(url, 'POST', `/api/groups/${groupId}/threads`, token, { title, kind: 'discussion' })
  ).id;
}

/** Adds members through POST /api/groups/:id/members (a transaction with audit entry and feed event each). */
export async function addMembers(
  url: string,
  token: string,
  pairs: { groupId: string; userId: string }[],
  label?: string,
): Promise<void> {
  await pool(
    pairs,
    8,
    ({ groupId, userId }) => api(url, 'POST', `/api/groups/${groupId}/members`, token, { userId, role: 'member' }),
    label,
  );
}
