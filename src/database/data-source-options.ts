import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { pgliteDriver } from './pglite-pool';

/**
 * PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (real PostgreSQL in WASM) in DATA_DIR.
 * Both run through TypeORM's postgres driver, with the same entities and migrations.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // PostgreSQL 13+ and PGlite have gen_random_uuid() built in; nothing to install.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    // Off: TypeORM would log failed queries with their parameters (password hashes, token hashes).
    // Failures surface as exceptions and are logged by the error filter without parameters.
    logging: false,
  };
  if (config.databaseUrl) {
    // Bounded waits: a stalled database answers 503 within seconds instead of holding requests open.
    return {
      ...common,
      url: config.databaseUrl,
      poolSize: 10,
      extra: { connectionTimeoutMillis: 5000, statement_timeout: 15_000, query_timeout: 20_000 },
    };
  }
  const dataDir = config.dataDir.startsWith('memory://') ? config.dataDir : join(config.dataDir, 'pglite');
  return { ...common, driver: pgliteDriver(dataDir), poolSize: 1 };
}
