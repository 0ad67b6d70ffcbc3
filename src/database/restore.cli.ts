import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { restoreEmbedded, shown } from './embedded/backup';
import { DataDirError, lockDataDir, prepareDataDir } from './embedded/data-dir';
import { EmbeddedPostgres, serviceAccount } from './embedded/embedded-postgres';

/**
 * `npm run restore -- FILE`, with the server stopped: the archive becomes DATA_DIR's database (one already there is
 * moved aside, never deleted), and PostgreSQL is started once to replay it to its consistent point before anyone
 * relies on it.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const file = process.argv[2];
  if (!file) throw new DataDirError('name the backup to restore: npm run restore -- FILE');
  if (!existsSync(resolve(file))) throw new DataDirError(`${file} does not exist`);
  if (config.databaseUrl)
    throw new DataDirError('DATABASE_URL is set: restore that server with pg_restore, not with this command');
  prepareDataDir(config.dataDir);
  const lock = await lockDataDir(config.dataDir);
  try {
    const movedAside = await restoreEmbedded(config.dataDir, resolve(file), serviceAccount());
    if (movedAside) console.log(`The database that was there is kept in ${shown(movedAside)}.`);
    const postgres = new EmbeddedPostgres({ dataDir: config.dataDir, log: () => undefined });
    await postgres.start();
    await postgres.stop();
    console.log(`Restored ${shown(resolve(file))} into ${shown(config.dataDir)}; start the server as usual.`);
  } finally {
    lock.release();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof DataDirError ? `Cannot restore: ${error.message}` : error);
  process.exit(1);
});
