import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmbeddedCluster } from '../../support/embedded-cluster';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { ServerProcess, startServer } from '../../support/server-process';

/** Jest runs globalSetup and globalTeardown in the same process: the server is handed over on globalThis. */
export const running = globalThis as { browserServer?: { server: ServerProcess; database: TestDatabase } };

/**
 * One server for every browser test file: a fresh database (on DATABASE_URL's PostgreSQL when set, else on an
 * embedded PostgreSQL started for the run), Redis when REDIS_URL is set (inherited), no demo seed. Each test makes its own users and groups.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(resolve(__dirname, '../../../client/dist/index.html'))) {
    throw new Error('client/dist is missing: run `npm run build` first (npm run test:browser does)');
  }
  await startEmbeddedCluster();
  const database = await createTestDatabase();
  const server = await startServer({
    ...database.env,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '100000',
    WRITE_RATE_LIMIT: '100000',
    JWT_SECRET: 'browser-tests-secret-0123456789-abcdefghij',
  });
  process.env.BROWSER_TEST_URL = server.url;
  // For set-up that confirms addresses without a mailbox: test files run in workers that inherit this.
  process.env.BROWSER_TEST_DATABASE_URL = database.env.DATABASE_URL;
  running.browserServer = { server, database };
}
