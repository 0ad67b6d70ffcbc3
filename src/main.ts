import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from './config/app-config';
import { DataDirError } from './database/embedded/data-dir';
import { openDatabase, OpenedDatabase } from './database/open-database';
import { processLog, setLevel } from './common/process-log';

/** A shutdown that has not finished by then is cut short: a supervisor must never wait on a hung process. */
const SHUTDOWN_DEADLINE_MS = 10_000;
/** What the app's own drain may take; the embedded PostgreSQL's checkpoint and stop get the rest. */
const SHUTDOWN_GRACE_MS = 8_000;

function fail(message: string): never {
  processLog.fatal(message);
  process.exit(1);
}

async function main(): Promise<void> {
  let loaded: AppConfig;
  try {
    loaded = loadConfig();
  } catch (error) {
    // A bad variable, or a DATA_DIR where the generated secret cannot be written: one line either way.
    fail(`Configuration error: ${(error as Error).message}`);
  }
  setLevel(loaded.logLevel);
  let database: OpenedDatabase;
  try {
    database = await openDatabase(loaded, {
      port: loaded.port,
      // PostgreSQL gone means every request would fail from now on: exit so a supervisor starts us afresh.
      onLost: (reason) => fail(`Stopping: ${reason}`),
    });
  } catch (error) {
    if (error instanceof DataDirError) fail(`Cannot start: ${error.message}`);
    fail(`Cannot start the embedded database: ${(error as Error).message}`);
  }
  const config = database.config;
  // Loaded only now: a second server on a locked DATA_DIR, or a bad variable, is told so without loading the app.
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('./app.module');
  const { configureApp, createHttpAdapter } = await import('./bootstrap');
  const { seedIfEmpty } = await import('./database/seed/seed');
  const { shutDown } = await import('./shutdown');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createHttpAdapter(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  await configureApp(app, config);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(
      () => fail(`Shutdown on ${signal} did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s`),
      SHUTDOWN_DEADLINE_MS,
    ).unref();
    // The app drains and closes its pool first; the embedded PostgreSQL stops after it, with a checkpoint.
    void shutDown(app, signal, SHUTDOWN_GRACE_MS)
      .catch((error: Error) => processLog.error(`Shutdown: ${error.message}`))
      .then(() => database.close())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  try {
    // Every interface, as Node's own listen() does (Fastify's default is localhost only): IPv6 with IPv4 beside it,
    // IPv4 alone where the host has no IPv6.
    await app.listen(config.port, '::').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EAFNOSUPPORT' && error.code !== 'EADDRNOTAVAIL') throw error;
      return app.listen(config.port, '0.0.0.0');
    });
  } catch (error) {
    // Free when checked at start, taken since (the embedded database took a moment to start).
    await app.close().catch(() => undefined);
    await database.close();
    fail(`Cannot start: port ${config.port}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (config.metrics.port) {
    const { startMetricsServer } = await import('./metrics/metrics-endpoint');
    const { Metrics } = await import('./metrics/metrics');
    const metricsServer = await startMetricsServer(app.get(Metrics), config.metrics.port, config.metrics.host).catch(
      (error: Error) => fail(`Cannot start: metrics port ${config.metrics.port}: ${error.message}`),
    );
    metricsServer.unref();
  }
  const url = `http://localhost:${config.port}`;
  const demo = config.seedDemo ? await seedIfEmpty(app) : null;
  processLog.info(
    {
      url,
      docs: `${url}/api/docs`,
      database: config.embeddedDatabase ? 'embedded' : 'postgresql',
      dataDir: config.embeddedDatabase ? config.dataDir : undefined,
      liveDelivery: config.redisUrl ? 'redis' : 'in-process',
    },
    `Tansiq is running at ${url}  (API docs: ${url}/api/docs); database: ${config.embeddedDatabase ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL'}; live delivery: ${config.redisUrl ? 'Redis adapter' : 'in-process'}`,
  );
  if (demo) processLog.info({ demo }, `Seeded the demo workspace (password for all: ${demo.password})`);
  const { WorkspaceSetupService } = await import('./users/workspace-setup.service');
  const setupToken = await app.get(WorkspaceSetupService).issueIfNoAdmin();
  if (setupToken) {
    // The console is the operator's: whoever reads it may create the first admin (or run npm run create-admin).
    const link = `${config.publicUrl}/setup/${setupToken}`;
    processLog.warn({ setupUrl: link }, `No workspace admin yet. Create the first one within 24 hours at ${link}`);
  }
}

void main();
