import type { Provider } from '@nestjs/common';
import { FILE_STORE, FILE_STORES, type FileStore } from './file-store';
import { PostgresFileStore } from './postgres-file-store';

/** Every store a file may be in, by the `storage` its row names. */
export type FileStores = Partial<Record<FileStore['kind'], FileStore>>;

/**
 * The file stores, in one place: FILE_STORES holds every store a file may still be in (a file keeps the store it was
 * written to), FILE_STORE the one new uploads go to. PostgreSQL is always there; other stores are added here.
 */
export function fileStoreProviders(): Provider[] {
  return [
    PostgresFileStore,
    {
      provide: FILE_STORES,
      useFactory: (postgres: PostgresFileStore): FileStores => ({ postgres }),
      inject: [PostgresFileStore],
    },
    {
      provide: FILE_STORE,
      useFactory: (stores: FileStores): FileStore => stores.postgres!,
      inject: [FILE_STORES],
    },
  ];
}
