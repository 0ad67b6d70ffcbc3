/**
 * Prints the SQL that would bring a database migrated to the latest migration in line with the entities.
 * Used to write a new migration: `npm run schema:diff` (on DATABASE_URL, or the embedded database in DATA_DIR).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions, forMigrations } from './data-source-options';
import { migrate } from './migrate';
import { openDatabase } from './open-database';

async function main() {
  const database = await openDatabase(loadConfig());
  try {
    const options = forMigrations(dataSourceOptions(database.config));
    await migrate(options);
    const source = await new DataSource(options).initialize();
    const sql = await source.driver.createSchemaBuilder().log();
    for (const q of sql.upQueries) console.log(q.query + ';');
    console.log('-- down');
    for (const q of sql.downQueries.reverse()) console.log(q.query + ';');
    await source.destroy();
  } finally {
    await database.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
