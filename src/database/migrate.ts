import { DataSource, DataSourceOptions } from 'typeorm';

// Several nodes may start at once against one PostgreSQL: one migrates, the others wait for it.
const MIGRATION_LOCK = 7_301_000;

/**
 * Brings the schema up to date on its own short-lived connections (`options` for migrations: no statement limit),
 * under an advisory lock so that nodes starting together migrate one after another.
 */
export async function migrate(options: DataSourceOptions): Promise<void> {
  const source = await new DataSource(options).initialize();
  const runner = source.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await source.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await source.destroy();
  }
}
