import { postgresLog } from '../common/process-log';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { AppConfig } from '../config/app-config';
import { DataDirError, lockDataDir, prepareDataDir } from './embedded/data-dir';
import { EmbeddedPostgres } from './embedded/embedded-postgres';

export interface OpenedDatabase {
  /** The configuration with the database to connect to (the embedded one's socket URL when it was started). */
  config: AppConfig;
  /** The embedded PostgreSQL, when this process runs one. */
  embedded?: EmbeddedPostgres;
  /** Stops the embedded PostgreSQL and lets go of DATA_DIR; call after the app has closed its pool. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The HTTP port this process will listen on: checked first, so a second `npm start` touches nothing. */
  port?: number;
  /** PostgreSQL's own log lines (warnings and worse). */
  log?: (line: string) => void;
  /** The embedded PostgreSQL died under us: the caller exits non-zero so a supervisor restarts it whole. */
  onLost?: (reason: string) => void;
}

/** Resolves when nothing listens on `port`, refuses with one line when something does. */
export async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  probe.listen(port);
  try {
    await once(probe, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataDirError(
      code === 'EADDRINUSE' ? `port ${port} is in use: is Tansiq already running?` : `port ${port}: ${code}`,
    );
  }
  probe.close();
  await once(probe, 'close');
}

/**
 * With DATABASE_URL: nothing to do. Without it: DATA_DIR is checked (writable, free space) and locked to this
 * process, then the embedded PostgreSQL is started in it; everything after connects to it like to any other server.
 */
export async function openDatabase(config: AppConfig, options: OpenOptions = {}): Promise<OpenedDatabase> {
  if (options.port !== undefined) await assertPortFree(options.port);
  if (config.databaseUrl) return { config, close: async () => undefined };
  prepareDataDir(config.dataDir);
  const lock = await lockDataDir(config.dataDir, options.port);
  const embedded = new EmbeddedPostgres({
    dataDir: config.dataDir,
    log: options.log ?? ((line) => postgresLog.info(line)),
    onUnexpectedExit: options.onLost,
  });
  try {
    const databaseUrl = await embedded.start();
    return {
      config: { ...config, databaseUrl, embeddedDatabase: true },
      embedded,
      close: async () => {
        await embedded.stop();
        lock.release();
      },
    };
  } catch (error) {
    await embedded.stop();
    lock.release();
    throw error;
  }
}
