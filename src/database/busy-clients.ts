import { DataSource } from 'typeorm';

/** What this guard reads of a pg client (the fields pg's own pool and our test guard read) and the pool's event. */
interface PooledClient {
  _activeQuery?: unknown;
  _queryQueue?: unknown[];
  end(): Promise<void>;
}
interface ReleasingPool {
  on(event: 'release', listener: (error: Error | undefined, client: PooledClient) => void): unknown;
}

/** Whether a client still runs (or has queued) a statement that its last user gave up on. */
export function isBusy(client: PooledClient): boolean {
  return Boolean(client._activeQuery) || (client._queryQueue?.length ?? 0) > 0;
}

/**
 * A statement that outlives the client-side query_timeout (the database answered nothing for 3.5 s: a stall, or
 * both cores saturated under load) fails for its caller but stays running on its connection, and TypeORM then hands
 * that connection back to the pool as if it were idle. The next request to take it sent its query behind the stale
 * one: it waited for someone else's statement, and pg 8 warned "client.query() when the client is already executing
 * a query" (seen under the capacity bench's overload; pg 9 refuses it). Such a connection is closed instead of
 * pooled, which also cuts the stale statement off; the pool opens a fresh connection for the next request.
 */
export function endBusyClientsOnRelease(source: DataSource): void {
  const pool = (source.driver as unknown as { master?: Partial<ReleasingPool> }).master;
  pool?.on?.('release', (error, client) => {
    if (error || !isBusy(client)) return;
    // end() marks the client as ending at once (the pool then removes it instead of keeping it idle) and, with a
    // statement active, destroys the socket rather than waiting for it.
    client.end().catch(() => undefined);
  });
}
