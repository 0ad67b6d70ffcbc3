import type { Provider, Type } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FILE_STORE, FILE_STORES, type FileStore } from './file-store';
import { S3FileStore } from './s3-file-store';

/** Every store a file may still be in, by the `storage` its row names. */
export type FileStores = Record<FileStore['kind'], FileStore | undefined>;

/**
 * FILE_STORE is where new uploads go: S3 when S3_URL is set, else PostgreSQL. FILE_STORES keeps PostgreSQL
 * available in either case, so files written before S3_URL was set are still served and removed from there.
 * The PostgreSQL store comes in as a parameter so this file does not depend on how that store is built.
 */
export function fileStoreProviders(postgres: Type<FileStore>): Provider[] {
  return [
    postgres,
    {
      // Its own provider (null without S3_URL) so Nest closes the S3 client's sockets at shutdown.
      provide: S3FileStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): S3FileStore | null => (config.s3 ? new S3FileStore(config.s3) : null),
    },
    {
      provide: FILE_STORES,
      inject: [postgres, S3FileStore],
      useFactory: (database: FileStore, s3: S3FileStore | null): FileStores => ({
        postgres: database,
        s3: s3 ?? undefined,
      }),
    },
    {
      provide: FILE_STORE,
      inject: [postgres, S3FileStore],
      useFactory: (database: FileStore, s3: S3FileStore | null): FileStore => s3 ?? database,
    },
  ];
}
