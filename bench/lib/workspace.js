'use strict';
/**
 * Test data through the product's own REST API: users (registered once per bench run into a template database,
 * then cloned for each benchmark, because registration is deliberately slow: argon2id), groups, members, threads.
 */
const { createDatabase, dropDatabase } = require('./db');
const { startProduct } = require('./processes');
const { progress } = require('./report');

const PASSWORD = 'bench-password-2026';

async function api(url, method, path, token, body) {
  for (let attempt = 1; ; attempt += 1) {
    let res;
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
      throw new Error(`${method} ${path} failed: ${error.message}`);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }
}

async function pool(items, concurrency, work, label) {
  let next = 0;
  let done = 0;
  const results = new Array(items.length);
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
class UserPool {
  constructor(runId) {
    this.template = `tansiq_bench_${runId}_users`;
    this.admin = null;
    this.users = [];
    this.created = false;
    this.setupMs = 0;
    this.clones = 0;
  }

  async ensure(count) {
    if (this.created && this.users.length >= count) return;
    const started = Date.now();
    if (!this.created) {
      await createDatabase(this.template);
      this.created = true;
    }
    const server = await startProduct({ databaseUrl: require('./db').urlOf(this.template), label: 'product-setup' });
    try {
      const register = async (i) => {
        const body = await api(server.url, 'POST', '/api/auth/register', null, {
          email: `bench-user-${i}@bench.example`,
          password: PASSWORD,
          displayName: `Bench User ${i}`,
        });
        return { id: body.user.id, token: body.accessToken, index: i };
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
  async clone(name) {
    this.clones += 1;
    const dbName = `tansiq_bench_${this.template.split('_')[2]}_${name}_${this.clones}`;
    const databaseUrl = await createDatabase(dbName, this.template);
    return { dbName, databaseUrl, drop: () => dropDatabase(dbName) };
  }

  async drop() {
    if (this.created) await dropDatabase(this.template);
    this.created = false;
  }
}

async function createGroup(url, token, name) {
  return (await api(url, 'POST', '/api/groups', token, { name })).id;
}

async function createThread(url, token, groupId, title = 'Bench discussion') {
  return (await api(url, 'POST', `/api/groups/${groupId}/threads`, token, { title, kind: 'discussion' })).id;
}

/** Adds members through POST /api/groups/:id/members (a transaction with audit entry and feed event each). */
async function addMembers(url, token, pairs, label) {
  await pool(
    pairs,
    8,
    ({ groupId, userId }) => api(url, 'POST', `/api/groups/${groupId}/members`, token, { userId, role: 'member' }),
    label,
  );
}

module.exports = { api, pool, UserPool, createGroup, createThread, addMembers, PASSWORD };
