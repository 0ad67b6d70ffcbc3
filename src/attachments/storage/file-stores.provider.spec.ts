import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Readable } from 'node:stream';
import type { AppConfig, S3Config } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FILE_STORE, FILE_STORES, type FileStore } from './file-store';
import { fileStoreProviders, type FileStores } from './file-stores.provider';
import { S3FileStore } from './s3-file-store';

@Injectable()
class DatabaseStore implements FileStore {
  readonly kind = 'postgres' as const;
  async put(_key: string, _body: Readable, _contentType: string): Promise<void> {}
  async get(_key: string): Promise<Readable | null> {
    return null;
  }
  async remove(_keys: string[]): Promise<void> {}
}

const s3: S3Config = {
  endpoint: 'http://127.0.0.1:1',
  region: 'us-east-1',
  bucket: 'files',
  accessKeyId: 'k',
  secretAccessKey: 's',
};

async function stores(config: Partial<AppConfig>) {
  const module = await Test.createTestingModule({
    providers: [{ provide: APP_CONFIG, useValue: config }, ...fileStoreProviders(DatabaseStore)],
  }).compile();
  const result = { store: module.get<FileStore>(FILE_STORE), all: module.get<FileStores>(FILE_STORES) };
  await module.close();
  return result;
}

describe('fileStoreProviders', () => {
  it('stores new files in PostgreSQL without S3_URL, and knows no S3 store', async () => {
    const { store, all } = await stores({});
    expect(store).toBeInstanceOf(DatabaseStore);
    expect(all.postgres).toBe(store);
    expect(all.s3).toBeUndefined();
  });

  it('stores new files in S3 with S3_URL and keeps PostgreSQL for the files already there', async () => {
    const { store, all } = await stores({ s3 });
    expect(store).toBeInstanceOf(S3FileStore);
    expect(all.s3).toBe(store);
    expect(all.postgres).toBeInstanceOf(DatabaseStore);
  });
});
