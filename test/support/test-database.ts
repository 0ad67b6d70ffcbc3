import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Each test file gets a database of its own, dropped afterwards, so files run in parallel without seeing each other:
 * on DATABASE_URL's server when set, else on the embedded PostgreSQL that the suite's global setup started.
 */
export interface TestDatabase {
  env: Record<string, string>;
  url: string;
  drop(): Promise<void>;
}

/** The server the suite runs on: DATABASE_URL, or the suite's embedded PostgreSQL. */
export function testServerUrl(): string {
  const base = process.env.DATABASE_URL || process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error('no PostgreSQL for the tests: run them through jest (its global setup starts one)');
  return base;
}

/** A connection string for database `name` on the same server as `base` (host may be a socket folder). */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = testServerUrl();
  const name = `tansiq_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(base, name);
  return {
    env: { DATABASE_URL: url },
    url,
    drop: async () => {
      const client = new Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
