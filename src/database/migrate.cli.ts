import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CliCommand, runCommand, UsageError } from '../cli/cli-command';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions, forMigrations } from './data-source-options';
import { migrate } from './migrate';
import { openDatabase } from './open-database';

const USAGE = 'migrate run|revert|show';

/**
 * `node dist/cli.js migrate run|revert|show` on the configured database: an external one, or the embedded one in
 * DATA_DIR (which it starts, and which it refuses to touch while a server holds it). Every node also migrates on
 * start-up under the same advisory lock, so `run` is for upgrading before the nodes, or as a one-shot job.
 */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'run the pending migrations, revert the last one, or show which are applied',
  usage: USAGE,
  async run(args) {
    const action = args[0] ?? 'run';
    if (!['run', 'revert', 'show'].includes(action) || args.length > 1) throw new UsageError(`usage: ${USAGE}`);
    const database = await openDatabase(loadConfig());
    try {
      const options = forMigrations(dataSourceOptions(database.config));
      if (action === 'run') {
        await migrate(options);
        return { message: 'Migrations are up to date.', ...(await listMigrations(new DataSource(options))) };
      }
      const source = await new DataSource(options).initialize();
      try {
        if (action === 'show') {
          const state = await listMigrations(source);
          return { message: `${state.applied.length} migrations applied, ${state.pending.length} pending.`, ...state };
        }
        await source.undoLastMigration({ transaction: 'each' });
        return { message: 'Reverted the last migration.', ...(await listMigrations(source)) };
      } finally {
        await source.destroy();
      }
    } finally {
      await database.close();
    }
  },
};

/** Every migration the code knows, split by whether the database has run it (by TypeORM's own table). */
async function listMigrations(source: DataSource): Promise<{ applied: string[]; pending: string[] }> {
  const owned = !source.isInitialized;
  if (owned) await source.initialize();
  try {
    const [{ present }]: { present: boolean }[] = await source.query(
      "SELECT to_regclass('migrations') IS NOT NULL AS present",
    );
    const rows: { name: string }[] = present ? await source.query('SELECT name FROM migrations') : [];
    const done = new Set(rows.map((row) => row.name));
    const names = source.migrations.map((migration) => migration.name ?? migration.constructor.name);
    return { applied: names.filter((name) => done.has(name)), pending: names.filter((name) => !done.has(name)) };
  } finally {
    if (owned) await source.destroy();
  }
}

if (require.main === module) void runCommand(migrateCommand, process.argv.slice(2));
