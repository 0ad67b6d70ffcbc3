import { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  NoSuchKey,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Config } from '../../config/app-config';
import type { FileStore } from './file-store';

/** Parts of 8 MB, two in flight: an upload holds at most ~24 MB whatever the file's size. */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;
/** The most keys one DeleteObjects request may name. */
const DELETE_BATCH = 1000;

export function s3ClientConfig(config: S3Config): S3ClientConfig {
  return {
    endpoint: config.endpoint,
    region: config.region,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Bucket in the path: S3-compatible servers (MinIO, Ceph, s3rver) rarely have a DNS name per bucket.
    forcePathStyle: true,
    // The SDK's default CRC32 trailers (aws-chunked bodies) are not understood by every S3-compatible server;
    // checksums only where the API requires them (DeleteObjects). TLS and SigV4 already guard the bytes in transit.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** Attachment bytes in an S3-compatible bucket, streamed both ways (multipart upload, streamed GetObject body). */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(
    private readonly config: S3Config,
    client?: S3Client,
  ) {
    this.client = client ?? new S3Client(s3ClientConfig(config));
  }

  async put(key: string, body: Readable, contentType: string): Promise<void> {
    // The SDK reports its own abort failure (or a generic one) when the body breaks: keep the stream's error, it
    // says what went wrong.
    let bodyError: unknown;
    const onError = (error: unknown) => (bodyError ??= error);
    body.on('error', onError);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: key, Body: body, ContentType: contentType },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      // On failure the started multipart upload is aborted, so no part is billed or left behind under the key.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // The store failed while the caller's stream still flows: end it, or its producer waits on backpressure.
      if (!body.destroyed) body.destroy();
      throw bodyError ?? error;
    } finally {
      body.off('error', onError);
    }
    if (bodyError !== undefined) throw bodyError;
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }));
      if (!(object.Body instanceof Readable)) throw new Error(`S3 GetObject for ${key} gave no Node stream`);
      return object.Body;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async remove(keys: string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      const result = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.config.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      // DeleteObjects answers 200 even when some keys failed: those are listed, and a missing key is not one.
      const failed = (result.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
      if (failed.length > 0) {
        const first = failed[0];
        throw new Error(`S3 could not delete ${failed.length} object(s), first ${first.Key}: ${first.Code}`);
      }
    }
  }

  /** Closes the client's pooled sockets. */
  onApplicationShutdown(): void {
    this.client.destroy();
  }
}

/** No object under the key; a missing bucket is a misconfiguration and stays an error. */
function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey) return true;
  return error instanceof S3ServiceException && error.name !== 'NoSuchBucket' && error.$metadata.httpStatusCode === 404;
}
