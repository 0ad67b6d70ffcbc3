import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliCommand, runCommand, UsageError } from '../cli/cli-command';
import { loadConfig } from '../config/app-config';
import { restoreEmbedded, shown } from './embedded/backup';
import { DataDirError, lockDataDir, prepareDataDir } from './embedded/data-dir';
import { EmbeddedPostgres, serviceAccount } from './embedded/embedded-postgres';

/**
 * `node dist/cli.js restore FILE`, with the server stopped: the archive becomes DATA_DIR's database (one already
 * there is moved aside, never deleted), and PostgreSQL is started once to replay it to its consistent point before
 * anyone relies on it.
 */
export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'restore a backup into DATA_DIR (server stopped; the database there is moved aside, not deleted)',
  usage: 'restore FILE',
  async run(args) {
    const config = loadConfig();
    const file = args[0];
    if (!file || args.length > 1) throw new UsageError('name the backup to restore: restore FILE');
    if (!existsSync(resolve(file))) throw new DataDirError(`${file} does not exist`);
    if (config.databaseUrl)
      throw new DataDirError('DATABASE_URL is set: restore that server with pg_restore, not with this command');
    prepareDataDir(config.dataDir);
    const lock = await lockDataDir(config.dataDir);
    try {
      const movedAside = await restoreEmbedded(config.dataDir, resolve(file), serviceAccount());
      const postgres = new EmbeddedPostgres({ dataDir: config.dataDir, log: () => undefined });
      await postgres.start();
      await postgres.stop();
      return {
        message: `Restored ${shown(resolve(file))} into ${shown(config.dataDir)}; start the server as usual.${movedAside ? ` The database that was there is kept in ${shown(movedAside)}.` : ''}`,
        file: resolve(file),
        dataDir: config.dataDir,
        movedAside: movedAside ?? undefined,
      };
    } finally {
      lock.release();
    }
  },
};

if (require.main === module) void runCommand(restoreCommand, process.argv.slice(2));
