/**
 * Prints the SQL that would bring a database migrated to the latest migration in line with the entities.
 * Used to write a new migration: `npm run schema:diff` (needs DATABASE_URL).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions, forMigrations } from './data-source-options';

async function main() {
  const config = loadConfig();
  const source = new DataSource(forMigrations(dataSourceOptions(config)));
  await source.initialize();
  await source.runMigrations();
  const sql = await source.driver.createSchemaBuilder().log();
  for (const q of sql.upQueries) console.log(q.query + ';');
  console.log('-- down');
  for (const q of sql.downQueries.reverse()) console.log(q.query + ';');
  await source.destroy();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
