import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import type { FileStore } from './file-store';

/** The size of one stored piece: big enough that a 25 MiB file is 100 rows, small enough to hold a few in memory. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * The default file store: bytes in PostgreSQL's `stored_file_chunks`, 256 KiB a row. Writing inserts each chunk as
 * soon as it is full (the source is read only as fast as PostgreSQL takes it); reading fetches one chunk at a time
 * as the reader asks for it. A file is never held whole in memory either way.
 */
@Injectable()
export class PostgresFileStore implements FileStore {
  readonly kind = 'postgres' as const;

  constructor(private readonly db: DataSource) {}

  async put(key: string, body: Readable, _contentType: string): Promise<void> {
    let n = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    // Every chunk but the last commits without waiting for its WAL to reach the disk; the last commits
    // synchronously, which flushes the WAL up to it, every earlier chunk included: the file is durable when put()
    // resolves, at one disk flush per file instead of one per 256 KiB. Ten uploads at once, each flushing per
    // chunk, held a message's own commit behind theirs (ack p99 11 ms alone, 200 ms during them: bench/README).
    const flush = async (bytes: Buffer, last: boolean) => {
      const insert = (db: EntityManager) =>
        db.query('INSERT INTO stored_file_chunks (key, n, data) VALUES ($1, $2, $3)', [key, n, bytes]);
      if (last) await insert(this.db.manager);
      else
        await this.db.transaction(async (tx) => {
          await tx.query('SET LOCAL synchronous_commit = off');
          await insert(tx);
        });
      n += 1;
    };
    try {
      // One chunk at a time: the loop awaits each insert before it pulls more, so the source waits (backpressure).
      for await (const piece of body as AsyncIterable<Buffer>) {
        pending.push(piece);
        pendingBytes += piece.length;
        // A full chunk is written once more bytes have come: until then it may be the last one.
        while (pendingBytes > CHUNK_BYTES) {
          const joined = Buffer.concat(pending, pendingBytes);
          await flush(joined.subarray(0, CHUNK_BYTES), false);
          const rest = joined.subarray(CHUNK_BYTES);
          pending = rest.length > 0 ? [Buffer.from(rest)] : [];
          pendingBytes = rest.length;
        }
      }
      // An empty file is one empty chunk: get() tells "stored, empty" from "nothing stored".
      if (pendingBytes > 0 || n === 0) await flush(Buffer.concat(pending, pendingBytes), true);
    } catch (error) {
      await this.remove([key]).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<Readable | null> {
    const first = await this.chunk(key, 0);
    if (first === null) return null;
    const chunk = (n: number) => this.chunk(key, n);
    return Readable.from(
      (async function* () {
        yield first;
        for (let n = 1; ; n += 1) {
          const data = await chunk(n);
          if (data === null) return;
          yield data;
        }
      })(),
      { objectMode: false, highWaterMark: CHUNK_BYTES },
    );
  }

  async remove(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM stored_file_chunks WHERE key = ANY($1::varchar[])', [keys]);
  }

  private async chunk(key: string, n: number): Promise<Buffer | null> {
    const rows: { data: Buffer }[] = await this.db.query(
      'SELECT data FROM stored_file_chunks WHERE key = $1 AND n = $2',
      [key, n],
    );
    return rows[0]?.data ?? null;
  }
}
