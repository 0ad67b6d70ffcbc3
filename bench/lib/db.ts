/** Databases of a bench run: created fresh, cloned from the run's template, always dropped at the end. */
import { Client } from 'pg';

export const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const created = new Set<string>();

export function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return `"${name}"`;
};

/** A new empty database (or a copy of `template`); returns its URL. */
export async function createDatabase(name: string, template?: string): Promise<string> {
  await admin((c) => c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`));
  created.add(name);
  return urlOf(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
  created.delete(name);
}

/** Drops every database this process created and has not dropped yet (for the exit path). */
export async function dropAllCreated(): Promise<void> {
  for (const name of [...created].reverse()) {
    try {
      await dropDatabase(name);
    } catch (error) {
      console.error(`could not drop database ${name}: ${(error as Error).message}`);
    }
  }
}

/** Server pids of the backends connected to a database: their CPU is the database's share of a run. */
export async function backendPids(name: string): Promise<number[]> {
  return admin(async (c) => {
    const { rows } = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
    return rows.map((r) => r.pid);
  });
}
