import { S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { attachmentKey, FILE_STORE, thumbnailKey } from '../../src/attachments/storage/file-store';
import { S3FileStore, s3ClientConfig } from '../../src/attachments/storage/s3-file-store';
import { loadConfig, type S3Config } from '../../src/config/app-config';
import { startS3Server, TEST_BUCKET, withS3Env, type S3Server } from '../support/s3-server';
import { download, linksFor, sha256, uploadFile } from '../support/attachment-factories';
import { createThread, postMessage, setupGroup, type TestGroup } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const MB = 1024 * 1024;

/** `total` bytes of random data in 64 KiB chunks, made as they are read; `failAfter` bytes in, the stream errors. */
function generated(total: number, failAfter?: number): { body: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let sent = 0;
  const body = new Readable({
    highWaterMark: 64 * 1024,
    read() {
      if (failAfter !== undefined && sent >= failAfter) {
        this.destroy(new Error('the client went away'));
        return;
      }
      if (sent >= total) {
        this.push(null);
        return;
      }
      const chunk = randomBytes(Math.min(64 * 1024, total - sent));
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return { body, sha256: () => hash.digest('hex') };
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(stream, async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
    }
    yield* [];
  });
  return { sha256: hash.digest('hex'), size };
}

describe('S3FileStore against an S3 server (s3rver)', () => {
  let server: S3Server;
  let config: S3Config;
  let store: S3FileStore;
  /** The names of the S3 commands sent through `store`, in order. */
  const sent: string[] = [];

  beforeAll(async () => {
    server = await startS3Server();
    const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-s3-spec-'));
    try {
      // Through the real configuration: the URL the helper hands out is one S3_URL accepts.
      const s3 = loadConfig({ S3_URL: server.url, JWT_SECRET: 'x'.repeat(40), DATA_DIR: dataDir }).s3;
      if (!s3) throw new Error('S3_URL was not read');
      config = s3;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const client = new S3Client(s3ClientConfig(config));
    client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    store = new S3FileStore(config, client);
  });

  afterAll(async () => {
    store?.onApplicationShutdown();
    await server?.stop();
  });

  beforeEach(() => {
    sent.length = 0;
  });

  it('stores a 30 MB stream in 8 MB parts and gives the same bytes back', async () => {
    const key = attachmentKey(randomUUID());
    const { body, sha256 } = generated(30 * MB);
    await store.put(key, body, 'application/octet-stream');
    expect(sent.filter((c) => c === 'UploadPartCommand')).toHaveLength(4);
    expect(sent).toContain('CompleteMultipartUploadCommand');

    const stored = await store.get(key);
    expect(stored).not.toBeNull();
    expect(await sha256Of(stored as Readable)).toEqual({ sha256: sha256(), size: 30 * MB });
  }, 120_000);

  it('stores a small file in one request', async () => {
    const key = thumbnailKey(randomUUID());
    const { body, sha256 } = generated(200 * 1024);
    await store.put(key, body, 'image/webp');
    expect(sent).toEqual(['PutObjectCommand']);
    expect(await sha256Of((await store.get(key)) as Readable)).toEqual({ sha256: sha256(), size: 200 * 1024 });
  });

  it('stores an empty file as an empty object, not as a missing one', async () => {
    const key = attachmentKey(randomUUID());
    await store.put(key, Readable.from([]), 'text/plain');
    const stored = await store.get(key);
    expect(stored).not.toBeNull();
    expect((await sha256Of(stored as Readable)).size).toBe(0);
  });

  it('answers null for a key with nothing stored', async () => {
    expect(await store.get(attachmentKey(randomUUID()))).toBeNull();
  });

  it('removes what is stored and takes missing keys in stride, past one request of 1000 keys', async () => {
    const kept = [attachmentKey(randomUUID()), thumbnailKey(randomUUID())];
    for (const key of kept) await store.put(key, Readable.from([Buffer.from('bytes')]), 'text/plain');
    sent.length = 0;
    const missing = Array.from({ length: 1200 }, () => attachmentKey(randomUUID()));
    await store.remove([...missing.slice(0, 1100), ...kept, ...missing.slice(1100)]);
    expect(sent).toEqual(['DeleteObjectsCommand', 'DeleteObjectsCommand']);
    for (const key of kept) expect(await store.get(key)).toBeNull();
    await expect(store.remove([])).resolves.toBeUndefined();
  }, 60_000);

  it('rejects with the stream error when the body breaks midway, aborts the upload and keeps nothing', async () => {
    const key = attachmentKey(randomUUID());
    const { body } = generated(30 * MB, 20 * MB);
    await expect(store.put(key, body, 'application/pdf')).rejects.toThrow('the client went away');
    // Parts were sent before the break: the multipart upload was started, then aborted (s3rver itself does not
    // implement the abort; a real S3 drops the parts).
    expect(sent.filter((c) => c === 'UploadPartCommand').length).toBeGreaterThanOrEqual(1);
    expect(sent).toContain('AbortMultipartUploadCommand');
    expect(sent).not.toContain('CompleteMultipartUploadCommand');
    expect(await store.get(key)).toBeNull();
  }, 120_000);

  it('rejects and ends the body when the store cannot be reached, so its producer is not left waiting', async () => {
    const unreachable = new S3FileStore({ ...config, endpoint: 'http://127.0.0.1:1' });
    const { body } = generated(20 * MB);
    try {
      await expect(unreachable.put(attachmentKey(randomUUID()), body, 'image/png')).rejects.toThrow();
      expect(body.destroyed).toBe(true);
    } finally {
      unreachable.onApplicationShutdown();
    }
  });

  it('rejects and keeps nothing when a small body breaks before its first part is full', async () => {
    const key = attachmentKey(randomUUID());
    const { body } = generated(4 * MB, 1 * MB);
    await expect(store.put(key, body, 'image/png')).rejects.toThrow('the client went away');
    expect(sent).not.toContain('PutObjectCommand');
    expect(await store.get(key)).toBeNull();
  });
});

describe('attachments on S3 storage, through the API', () => {
  const s3 = withS3Env();
  let t: TestApp;
  let group: TestGroup;
  let store: S3FileStore;

  beforeAll(async () => {
    t = await createTestApp(s3.env());
    group = await setupGroup(t);
    store = t.app.get(FILE_STORE);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is configured for the S3 server the test started', () => {
    expect(store.kind).toBe('s3');
    expect(t.config.s3).toMatchObject({ bucket: TEST_BUCKET, accessKeyId: 'S3RVER' });
  });

  it('uploads into the bucket, attaches to a message, downloads the same bytes, and removal empties the bucket', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const file = await uploadFile(t, group.id, group.member, { bytes, name: 'محضر الاجتماع.bin' });
    // The bytes are in the bucket, not in PostgreSQL.
    expect(await t.db.query(`SELECT 1 FROM stored_file_chunks WHERE key LIKE $1`, [`attachments/${file.id}%`])).toEqual(
      [],
    );
    expect((await t.db.query(`SELECT storage FROM attachments WHERE id = $1`, [file.id]))[0].storage).toBe('s3');

    const thread = await createThread(t, group.id, group.facilitator);
    const posted = await postMessage(t, thread.id, group.member, 'The minutes', { attachmentIds: [file.id] });
    expect(posted.message).toMatchObject({
      attachments: [expect.objectContaining({ id: file.id, size: bytes.length })],
    });

    const links = await linksFor(t, group.facilitator, [file.id]);
    const got = await download(t, links[file.id].url);
    expect(got.status).toBe(200);
    expect(sha256(got.body as Buffer)).toBe(sha256(bytes));
    expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('محضر الاجتماع.bin')}`);

    const removed = await t.http().delete(`/api/messages/${posted.message.id}`).set(group.member.auth);
    expect(removed.status).toBe(200);
    expect(await store.get(attachmentKey(file.id))).toBeNull();
    expect((await download(t, links[file.id].url)).status).toBe(404);
  });
});
