import 'reflect-metadata';
import { resolve } from 'node:path';
import { CliCommand, runCommand, UsageError } from '../cli/cli-command';
import { loadConfig } from '../config/app-config';
import { backupEmbedded, shown } from './embedded/backup';
import { DataDirError, DataDirLocked } from './embedded/data-dir';
import { embeddedPaths } from './embedded/embedded-postgres';
import { openDatabase } from './open-database';

/**
 * `node dist/cli.js backup [FILE]`: one consistent archive of the embedded database, taken while the server runs
 * (or, when it does not, by starting the database for the length of the backup). An external PostgreSQL is backed
 * up with its own tools (pg_dump), as README says.
 */
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'archive the embedded database (DATA_DIR), also while the server runs',
  usage: 'backup [FILE]',
  async run(args) {
    if (args.length > 1) throw new UsageError('usage: backup [FILE]');
    const config = loadConfig();
    if (config.databaseUrl) {
      throw new DataDirError(
        'DATABASE_URL is set: back up that server with pg_dump (see README), not with this command',
      );
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = resolve(args[0] ?? `tansiq-backup-${stamp}.tar`);
    // With no server holding DATA_DIR the database is started for the backup; else the server's keeps running.
    const database = await openDatabase(config).catch((error: Error) => {
      if (error instanceof DataDirLocked) return null;
      throw error;
    });
    try {
      const result = await backupEmbedded(config.dataDir, embeddedPaths(config.dataDir).socketDir, file);
      return {
        message: `Backup written to ${shown(result.file)} (${Math.ceil(result.bytes / 1024)} KiB, consistent at WAL ${result.lsn}); restore it with the server stopped: node dist/cli.js restore ${shown(result.file)}`,
        file: result.file,
        bytes: result.bytes,
        lsn: result.lsn,
      };
    } finally {
      await database?.close();
    }
  },
};

if (require.main === module) void runCommand(backupCommand, process.argv.slice(2));
