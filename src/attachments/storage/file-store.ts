import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live: PostgreSQL by default (same backup, works embedded and on several nodes), or an
 * S3-compatible object store when `S3_URL` is set. Keys are `attachments/<id>` and `attachments/<id>.thumb`.
 * Every method streams: no whole file is held in memory.
 */
export interface FileStore {
  readonly kind: 'postgres' | 's3';
  /** Stores the stream under `key` and resolves once it is durable; on a stream error rejects and keeps nothing. */
  put(key: string, body: Readable, contentType: string): Promise<void>;
  /** The stored bytes as a stream, or null when nothing is stored under `key`. */
  get(key: string): Promise<Readable | null>;
  /** Removes what is stored under the keys; a missing key is not an error. */
  remove(keys: string[]): Promise<void>;
}

/** Nest injection token for the configured store. */
export const FILE_STORE = Symbol('FILE_STORE');
/** Nest injection token for every store a file may still be in (a file keeps the store it was written to). */
export const FILE_STORES = Symbol('FILE_STORES');

export const attachmentKey = (id: string) => `attachments/${id}`;
export const thumbnailKey = (id: string) => `attachments/${id}.thumb`;

/** The bytes of a file: the file itself, and its thumbnail when one was made. */
export function keysOf(file: { id: string; hasThumbnail: boolean }): string[] {
  return file.hasThumbnail ? [attachmentKey(file.id), thumbnailKey(file.id)] : [attachmentKey(file.id)];
}
