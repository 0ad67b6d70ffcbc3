import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

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
 * The one way to reach the database: an external PostgreSQL (DATABASE_URL) or the embedded one the server started
 * (whose socket URL openDatabase() put in the config), through TypeORM's postgres driver and the same pg pool.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl'>): DataSourceOptions {
  if (!config.databaseUrl) throw new Error('no database: openDatabase() starts the embedded one first');
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // PostgreSQL 13+ has gen_random_uuid() built in; nothing to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Off: TypeORM would log failed queries with their parameters (password hashes, token hashes).
    // Failures surface as exceptions and are logged by the error filter without parameters.
    logging: false,
    poolSize: 10,
    extra: REQUEST_LIMITS,
  };
}

/** The same database for migrating: two connections (one holds the lock, one migrates) without statement limits. */
export function forMigrations(options: DataSourceOptions): DataSourceOptions {
  return { ...options, poolSize: 2, extra: MIGRATION_LIMITS } as DataSourceOptions;
}
