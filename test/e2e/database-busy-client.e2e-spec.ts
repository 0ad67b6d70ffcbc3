import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { endBusyClientsOnRelease } from '../../src/database/busy-clients';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * A statement that outlives the client-side query_timeout is given up on by its caller but keeps running on its
 * connection. Under overload (the capacity bench) such connections went back to the pool busy: the next request
 * queued its query behind the stale statement, waited for it, and pg warned that a client was sent a query while
 * already executing one (pg 9 refuses). Here the query_timeout is 300 ms, one connection, no statement_timeout.
 */
describe('database pool: a connection still running a timed-out statement is not reused', () => {
  let db: TestDatabase;
  let source: DataSource;
  const overlaps: string[] = [];
  let watching = false;
  type Busy = { _activeQuery?: unknown; _queryQueue?: unknown[] };
  const original = Client.prototype.query;

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = {
      ...dataSourceOptions({ databaseUrl: db.url }),
      poolSize: 1,
      extra: { connectionTimeoutMillis: 5000, query_timeout: 300 },
    } as DataSourceOptions;
    source = await new DataSource(options).initialize();
    endBusyClientsOnRelease(source);
    Client.prototype.query = function (this: Client & Busy, ...args: unknown[]) {
      if (watching && (this._activeQuery || (this._queryQueue?.length ?? 0) > 0))
        overlaps.push(new Error('overlapping query').stack!);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });

  afterAll(async () => {
    Client.prototype.query = original;
    await source?.destroy();
    await db?.drop();
  });

  /** The next query after a timed-out one: on a connection of its own, answered without waiting for the stale one. */
  async function nextQueryIsPrompt(): Promise<void> {
    watching = true;
    const started = Date.now();
    const [row] = await source.query<{ one: number }[]>('SELECT 1 AS one');
    watching = false;
    expect(row.one).toBe(1);
    expect(overlaps).toEqual([]);
    // The stale statement sleeps 1.5 s; waiting behind it would take over a second.
    expect(Date.now() - started).toBeLessThan(900);
  }

  it('after a plain query timed out', async () => {
    await expect(source.query('SELECT pg_sleep(1.5)')).rejects.toThrow(/Query read timeout/);
    await nextQueryIsPrompt();
  });

  it('after a query timed out inside a transaction', async () => {
    await expect(
      source.transaction(async (tx) => {
        await tx.query('SELECT pg_sleep(1.5)');
      }),
    ).rejects.toThrow(/Query read timeout/);
    await nextQueryIsPrompt();
  });

  it('keeps idle connections pooled', async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 3; i += 1) {
      const [row] = await source.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      pids.add(row.pid);
    }
    expect(pids.size).toBe(1);
  });
});
