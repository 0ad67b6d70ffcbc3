import { ServerProcess, startServer } from '../../support/server-process';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

export interface OwnServer {
  server: ServerProcess;
  database: TestDatabase;
  /** Points the API helpers back at the shared server, stops this one and drops its database. */
  close(): Promise<void>;
}

/**
 * A server of the test file's own, on a database of its own, configured by `env`. The API helpers (./api) talk to it
 * and confirm addresses in its database until `close()`: for a file that needs a setting the shared server has not.
 */
export async function startOwnServer(env: Record<string, string>): Promise<OwnServer> {
  const database = await createTestDatabase();
  const server = await startServer({
    ...database.env,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '100000',
    ...env,
  });
  const shared = { url: process.env.BROWSER_TEST_URL, databaseUrl: process.env.BROWSER_TEST_DATABASE_URL };
  process.env.BROWSER_TEST_URL = server.url;
  process.env.BROWSER_TEST_DATABASE_URL = database.env.DATABASE_URL;
  return {
    server,
    database,
    async close() {
      process.env.BROWSER_TEST_URL = shared.url;
      process.env.BROWSER_TEST_DATABASE_URL = shared.databaseUrl;
      await server.stop();
      await database.drop();
    },
  };
}
