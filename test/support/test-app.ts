import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, createHttpAdapter } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  /** Base URL once listening (for socket clients); call listen() first. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application on an isolated database, configured exactly as main.ts configures it.
 * Redis is used when REDIS_URL is set, under a key prefix of this app's own.
 */
export async function createTestApp(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  // Its own data directory: emails written without SMTP land there, not in the checkout's ./data.
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'tansiq-app-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_RATE_LIMIT: '100000',
    REDIS_URL: process.env.REDIS_URL ?? '',
    REDIS_PREFIX: `t${randomBytes(4).toString('hex')}:`,
    SEED_DEMO: 'false',
    PORT: '0',
    ...db.env,
    ...env,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createHttpAdapter(config), {
    bodyParser: false,
    bufferLogs: true,
    logger: false,
    abortOnError: false,
  });
  await configureApp(app, config);
  await app.init();
  // Fastify registers its routes and plugins when ready: before supertest sends to the server.
  await app.getHttpAdapter().getInstance().ready();
  const overlapping = watchOverlappingQueries();
  let listening: string | undefined;
  return {
    app,
    config,
    db: app.get(DataSource),
    http: () => request(app.getHttpServer()),
    async listen() {
      if (!listening) {
        await app.listen(0, '127.0.0.1');
        listening = await app.getUrl();
      }
      return listening.replace('[::1]', '127.0.0.1');
    },
    async close() {
      overlapping.stop();
      await app.close();
      if (!database) await db.drop();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
      overlapping.check();
    },
  };
}

/**
 * Two queries at once on one client (a `Promise.all` over one transaction's manager) are queued by `pg` 8 — with a
 * deprecation warning from the third on — and refused by `pg` 9; meanwhile the transaction stays open longer. Every
 * suite on the test app fails at close if the code did that, naming where the second query came from.
 */
function watchOverlappingQueries(): { stop(): void; check(): void } {
  const seen: string[] = [];
  type Busy = { _activeQuery?: unknown; _queryQueue?: unknown[] };
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client & Busy, ...args: unknown[]) {
    if (this._activeQuery || (this._queryQueue?.length ?? 0) > 0) seen.push(new Error('overlapping query').stack!);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    stop: () => void (Client.prototype.query = original),
    check() {
      if (seen.length > 0) throw new Error(`a query was sent on a client still running another:\n${seen[0]}`);
    },
  };
}
