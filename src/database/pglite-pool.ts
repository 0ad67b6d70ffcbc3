import { EventEmitter } from 'node:events';
import { PGlite, types } from '@electric-sql/pglite';

type Callback<T> = (error: Error | null, result?: T) => void;
type Release = (error?: Error) => void;

/**
 * A pg-compatible pool over one embedded PGlite database, for TypeORM's postgres driver.
 *
 * PGlite is a single session, so a lease is exclusive: a second caller waits until the first releases.
 * Without this, one request's BEGIN would swallow another request's statements into its transaction.
 * Code inside a transaction must use that transaction's manager (as it must on PostgreSQL anyway),
 * or it waits for its own lease.
 */
export class PGlitePool extends EventEmitter {
  private static readonly instances = new Map<string, Promise<PGlite>>();
  private readonly db: Promise<PGlite>;
  private queue: Promise<void> = Promise.resolve();

  private readonly dataDir: string;

  constructor(options: { dataDir: string }) {
    super();
    this.dataDir = options.dataDir;
    this.db = PGlitePool.open(options.dataDir);
  }

  /** One PGlite per data directory per process: two would corrupt the same files. */
  private static open(dataDir: string): Promise<PGlite> {
    let instance = PGlitePool.instances.get(dataDir);
    if (!instance) {
      // int8 as text, as node-postgres does, so both drivers hand TypeORM the same shapes.
      instance = PGlite.create(dataDir, { parsers: { [types.INT8]: (value: string) => value } });
      PGlitePool.instances.set(dataDir, instance);
    }
    return instance;
  }

  connect(callback?: (error: Error | null, client?: PGliteClient, release?: Release) => void): Promise<PGliteClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    const leased = previous.then(async () => {
      const client = new PGliteClient(await this.db, release);
      return client;
    });
    if (callback) {
      leased.then(
        (client) => callback(null, client, client.release),
        (error: Error) => {
          release();
          callback(error);
        },
      );
    }
    return leased;
  }

  /** A one-off statement outside any lease's transaction. */
  async query(sql: string, params?: unknown[] | Callback<unknown>, callback?: Callback<unknown>) {
    const client = await this.connect();
    try {
      return await client.query(sql, params, callback);
    } finally {
      client.release();
    }
  }

  /** Closes the database once every lease is released (TypeORM calls this on destroy). */
  end(callback?: (error?: Error) => void): Promise<void> {
    const done = this.queue.then(async () => {
      PGlitePool.instances.delete(this.dataDir);
      await (await this.db).close();
    });
    if (callback) done.then(() => callback(), callback);
    return done;
  }
}

class PGliteClient extends EventEmitter {
  private released = false;

  constructor(
    private readonly db: PGlite,
    private readonly free: () => void,
  ) {
    super();
  }

  readonly release = (): void => {
    if (this.released) return;
    this.released = true;
    this.free();
  };

  /** pg's signatures: (text, values?, callback?) or a query config; a statement's name means nothing to PGlite. */
  async query(
    query: string | { text: string; values?: unknown[] },
    params?: unknown[] | Callback<unknown>,
    callback?: Callback<unknown>,
  ) {
    const sql = typeof query === 'string' ? query : query.text;
    const cb = typeof params === 'function' ? params : callback;
    const values = typeof query === 'string' ? (Array.isArray(params) ? params : undefined) : query.values;
    try {
      const result =
        values && values.length > 0
          ? await this.db.query(sql, values)
          : // exec runs several statements (migrations); TypeORM wants the last result.
            ((await this.db.exec(sql)).at(-1) ?? { rows: [], rowCount: 0, command: undefined });
      cb?.(null, result);
      return result;
    } catch (error) {
      cb?.(error as Error);
      throw error;
    }
  }
}

/** What TypeORM's postgres driver takes as `driver`: an object with a Pool class. */
export function pgliteDriver(dataDir: string) {
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super({ dataDir });
      }
    },
  };
}
