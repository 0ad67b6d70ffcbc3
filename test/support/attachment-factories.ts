import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import type { TestUser } from './factories';
import type { TestApp } from './test-app';

/** A file as the tests upload it: bytes and the name the browser would send. */
export interface TestFile {
  bytes: Buffer;
  name: string;
  /** What the browser claims; the server never believes it. */
  contentType?: string;
}

/** The smallest valid PNG (1 × 1, transparent): a real image for sniffing and thumbnails. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** POST /api/groups/:groupId/attachments with the part `file`; the raw answer (status not checked). */
export function upload(t: TestApp, groupId: string, by: TestUser, file: TestFile): Promise<Response> {
  return t
    .http()
    .post(`/api/groups/${groupId}/attachments`)
    .set(by.auth)
    .attach('file', file.bytes, { filename: file.name, contentType: file.contentType ?? 'application/octet-stream' });
}

/** An upload that must succeed: the pending file's DTO. */
export async function uploadFile(t: TestApp, groupId: string, by: TestUser, file: TestFile) {
  const res = await upload(t, groupId, by, file);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; size: number; contentType: string; hasThumbnail: boolean };
}

/** A signed link to each file (POST /api/attachments/links), by id. */
export async function linksFor(
  t: TestApp,
  by: TestUser,
  ids: string[],
  variant: 'file' | 'thumbnail' = 'file',
): Promise<Record<string, { url: string; expiresAt: string }>> {
  const res = await t.http().post('/api/attachments/links').set(by.auth).send({ ids, variant });
  if (res.status !== 200) throw new Error(`links failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.links;
}

/** GET a file link with its body as bytes, whatever its type. */
export function download(t: TestApp, url: string): Promise<Response> {
  return t
    .http()
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => done(null, Buffer.concat(parts)));
    });
}
