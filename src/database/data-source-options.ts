import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { pgliteDriver } from './pglite-pool';

/**
 * Bounded waits for the requests' pool, so a database that is away or stalled (a partition: connections open,
 * nothing answers) is answered 503 within ~4 s instead of holding requests open. A live database cancels a slow
 * statement itself (statement_timeout, a clean error); the client-side query_timeout, a little longer, only fires
 * when nothing answers at all. Waiting for a pooled connection, or for a new one, counts against the same budget.
 */
const REQUEST_LIMITS = { connectionTimeoutMillis: 1500, statement_timeout: 3000, query_timeout: 3500 };

/**
 * Migrations run before the node serves anything, may build indexes on big tables, and wait for another node's
 * migration lock: no statement limit, only a bound on reaching the database at all.
 */
const MIGRATION_LIMITS = { connectionTimeoutMillis: 10_000 };

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
    return { ...common, url: config.databaseUrl, poolSize: 10, extra: REQUEST_LIMITS };
  }
  const dataDir = config.dataDir.startsWith('memory://') ? config.dataDir : join(config.dataDir, 'pglite');
  return { ...common, driver: pgliteDriver(dataDir), poolSize: 1 };
}

/** True for embedded PGlite: one process, one connection, no request limits. */
export const isEmbedded = (options: DataSourceOptions) => !('url' in options && options.url);

/** The same database for migrating: two connections (one holds the lock, one migrates) without statement limits. */
export function forMigrations(options: DataSourceOptions): DataSourceOptions {
  return isEmbedded(options) ? options : ({ ...options, poolSize: 2, extra: MIGRATION_LIMITS } as DataSourceOptions);
}
