import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { backupEmbedded, shown } from './embedded/backup';
import { DataDirError, DataDirLocked } from './embedded/data-dir';
import { embeddedPaths } from './embedded/embedded-postgres';
import { openDatabase } from './open-database';

/**
 * `npm run backup [-- FILE]`: one consistent archive of the embedded database, taken while the server runs (or, when
 * it does not, by starting the database for the length of the backup). An external PostgreSQL is backed up with
 * its own tools (pg_dump), as README says.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new DataDirError('DATABASE_URL is set: back up that server with pg_dump (see README), not with this command');
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = resolve(process.argv[2] ?? `tansiq-backup-${stamp}.tar`);
  // With no server holding DATA_DIR the database is started for the backup; else the server's keeps running.
  const database = await openDatabase(config).catch((error: Error) => {
    if (error instanceof DataDirLocked) return null;
    throw error;
  });
  try {
    const result = await backupEmbedded(config.dataDir, embeddedPaths(config.dataDir).socketDir, file);
    console.log(
      `Backup written to ${shown(result.file)} (${Math.ceil(result.bytes / 1024)} KiB, consistent at WAL ${result.lsn}).`,
    );
    console.log(`Restore it with the server stopped: npm run restore -- ${shown(result.file)}`);
  } finally {
    await database?.close();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof DataDirError ? `Cannot back up: ${error.message}` : error);
  process.exit(1);
});
