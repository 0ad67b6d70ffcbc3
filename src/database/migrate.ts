import { DataSource } from 'typeorm';

// Several nodes may start at once against one PostgreSQL: one migrates, the others wait for it.
const MIGRATION_LOCK = 7_301_000;

export async function migrate(source: DataSource, embedded: boolean): Promise<void> {
  if (embedded) {
    // One process owns an embedded database; a lock would also hold its single connection.
    await source.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = source.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await source.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
