import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions, forMigrations } from './data-source-options';
import { DataDirError } from './embedded/data-dir';
import { migrate } from './migrate';
import { openDatabase } from './open-database';

/**
 * `npm run migration:run` / `npm run migration:revert` on the configured database: an external one, or the embedded
 * one in DATA_DIR (which it starts, and which it refuses to touch while a server holds it).
 */
async function main(): Promise<void> {
  const revert = process.argv[2] === 'revert';
  const database = await openDatabase(loadConfig());
  try {
    const options = forMigrations(dataSourceOptions(database.config));
    if (!revert) {
      await migrate(options);
      console.log('Migrations are up to date.');
      return;
    }
    const source = await new DataSource(options).initialize();
    try {
      await source.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } finally {
      await source.destroy();
    }
  } finally {
    await database.close();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof DataDirError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
});
