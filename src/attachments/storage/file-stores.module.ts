import { Module } from '@nestjs/common';
import { FILE_STORE, FILE_STORES } from './file-store';
import { fileStoreProviders } from './file-stores.provider';
import { PostgresFileStore } from './postgres-file-store';

/** The stores attachment bytes live in: one instance each, for uploads, downloads and removals alike. */
@Module({ providers: fileStoreProviders(PostgresFileStore), exports: [FILE_STORE, FILE_STORES] })
export class FileStoresModule {}
