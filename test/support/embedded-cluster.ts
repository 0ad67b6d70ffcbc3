import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../../src/database/embedded/embedded-postgres';

/** Jest runs globalSetup and globalTeardown in one process: the cluster is handed over on globalThis. */
const running = globalThis as { embeddedCluster?: { postgres: EmbeddedPostgres; dir: string } };

/**
 * Without DATABASE_URL the suite runs on the product's own embedded PostgreSQL (the same binaries and start-up code
 * as `npm start`), started once for the run; every test file still gets a database of its own in it. Nothing else
 * is needed on the machine.
 */
export async function startEmbeddedCluster(): Promise<void> {
  if (process.env.DATABASE_URL || process.env.TEST_POSTGRES_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'tansiq-test-pg-'));
  const postgres = new EmbeddedPostgres({
    dataDir: dir,
    log: (line) => process.env.TEST_LOG_LEVEL && console.error(`postgres: ${line}`),
    onUnexpectedExit: (reason) => console.error(`The test suite's embedded PostgreSQL stopped: ${reason}`),
  });
  // Workers start after global setup and inherit this environment.
  process.env.TEST_POSTGRES_URL = await postgres.start();
  running.embeddedCluster = { postgres, dir };
}

export async function stopEmbeddedCluster(): Promise<void> {
  const cluster = running.embeddedCluster;
  if (!cluster) return;
  await cluster.postgres.stop();
  rmSync(cluster.dir, { recursive: true, force: true });
  delete process.env.TEST_POSTGRES_URL;
  running.embeddedCluster = undefined;
}
