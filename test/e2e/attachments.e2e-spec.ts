import { randomBytes, randomUUID } from 'node:crypto';
import { parse as parseDisposition } from 'content-disposition';
import { AttachmentPlaces } from '../../src/attachments/attachment-places';
import { linkKey, signLink } from '../../src/attachments/signed-links';
import { JobQueue } from '../../src/jobs/job-queue.service';
import { download, linksFor, sha256, TINY_PNG, upload, uploadFile } from '../support/attachment-factories';
import {
  addMember,
  createThread,
  postMessage,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';
import { createTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

/** Small limits, so "too large" and "over quota" cost a megabyte, not gigabytes. */
const MAX_UPLOAD_MB = 1;
const GROUP_QUOTA_MB = 2;
const MIB = 1024 * 1024;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('attachments', () => {
  let t: TestApp;
  let group: TestGroup;
  let outsider: TestUser;
  let threadId: string;
  let messageId: string;

  beforeAll(async () => {
    t = await createTestApp({
      MAX_UPLOAD_MB: String(MAX_UPLOAD_MB),
      GROUP_QUOTA_MB: String(GROUP_QUOTA_MB),
      JOB_POLL_SECONDS: '0.5',
    });
    group = await setupGroup(t);
    outsider = await registerUser(t);
    threadId = (await createThread(t, group.id, group.member)).id;
    messageId = (await postMessage(t, threadId, group.member, 'Here is the file')).message.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const service = () => t.app.get(AttachmentPlaces);

  /** Attaches pending files to the message, as the message service does, in a transaction of its own. */
  const attach = (by: TestUser, ids: string[], groupId = group.id) =>
    t.db.transaction((tx) => service().claim(tx, by, groupId, ids, { place: 'message', messageId, threadId }));

  const chunksOf = async (id: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM stored_file_chunks WHERE key LIKE $1`, [`attachments/${id}%`]))[0]
      .n;

  it('round trip: upload, list once attached, link, download the same bytes, delete (audited, in the feed)', async () => {
    const bytes = randomBytes(700 * 1024);
    const res = await upload(t, group.id, group.member, { bytes, name: 'report.bin' });
    expect(res.status).toBe(201);
    const file = res.body;
    expect(file).toMatchObject({
      groupId: group.id,
      name: 'report.bin',
      size: bytes.length,
      contentType: 'application/octet-stream',
      kind: 'other',
      place: null,
      uploader: { id: group.member.id },
      hasThumbnail: false,
    });
    expect((await t.db.query('SELECT sha256, status FROM attachments WHERE id = $1', [file.id]))[0]).toEqual({
      sha256: sha256(bytes),
      status: 'pending',
    });
    // 700 KiB in 256 KiB chunks.
    expect(await chunksOf(file.id)).toBe(3);

    // Exactly two chunks' worth is two chunks, the second written last (synchronously), and reads back whole.
    const even = randomBytes(512 * 1024);
    const evenFile = await uploadFile(t, group.id, group.member, { bytes: even, name: 'even.bin' });
    expect(await chunksOf(evenFile.id)).toBe(2);
    const evenLinks = await linksFor(t, group.member, [evenFile.id]);
    expect(sha256((await download(t, evenLinks[evenFile.id].url)).body as Buffer)).toBe(sha256(even));

    // Pending: only its uploader sees it; the list shows attached files only.
    expect((await t.http().get(`/api/attachments/${file.id}`).set(group.member.auth)).status).toBe(200);
    expect((await t.http().get(`/api/attachments/${file.id}`).set(group.facilitator.auth)).status).toBe(404);
    const before = await t.http().get(`/api/groups/${group.id}/attachments`).set(group.observer.auth);
    expect(before.body.items.map((f: { id: string }) => f.id)).not.toContain(file.id);

    const [attached] = await attach(group.member, [file.id]);
    expect(attached).toMatchObject({ id: file.id, place: 'message', messageId, threadId });
    const list = await t.http().get(`/api/groups/${group.id}/attachments`).query({ threadId }).set(group.observer.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: { id: string }) => f.id)).toContain(file.id);

    const links = await linksFor(t, group.observer, [file.id]);
    // No thumbnail was made for it: asking for one is a 404, and so is a forged thumbnail link.
    const thumbnail = await t
      .http()
      .post('/api/attachments/links')
      .set(group.observer.auth)
      .send({ ids: [file.id], variant: 'thumbnail' });
    expect(thumbnail.status).toBe(404);
    const forged = signLink(linkKey(TEST_JWT_SECRET), {
      a: file.id,
      u: group.observer.id,
      v: 'thumbnail',
      e: Math.floor(Date.now() / 1000) + 60,
    });
    expect((await download(t, `/api/files/${forged}/report.webp`)).status).toBe(404);
    expect(links[file.id].url).toMatch(/^\/api\/files\/[\w-]+\.[\w-]+\/report\.bin$/);
    const got = await download(t, links[file.id].url);
    expect(got.status).toBe(200);
    expect(sha256(got.body as Buffer)).toBe(sha256(bytes));
    expect(got.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox; style-src 'unsafe-inline'",
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="?report\.bin"?$/);
    expect(got.headers['cache-control']).toMatch(/^private, max-age=(29\d|300)$/);

    const seqBefore = (await t.http().get(`/api/groups/${group.id}/events`).query({ after: 0 }).set(group.member.auth))
      .body.lastSeq;
    expect((await t.http().delete(`/api/attachments/${file.id}`).set(group.member.auth)).status).toBe(204);
    expect((await t.http().get(`/api/attachments/${file.id}`).set(group.member.auth)).status).toBe(404);
    expect((await download(t, links[file.id].url)).status).toBe(404);
    expect(await chunksOf(file.id)).toBe(0);
    const feed = await t
      .http()
      .get(`/api/groups/${group.id}/events`)
      .query({ after: seqBefore })
      .set(group.member.auth);
    expect(feed.body.events).toContainEqual(
      expect.objectContaining({
        type: 'attachment.removed',
        actorId: group.member.id,
        data: {
          id: file.id,
          groupId: group.id,
          place: 'message',
          messageId,
          threadId,
          actionItemId: null,
          actionItemCommentId: null,
        },
      }),
    );
    const audit = await t.http().get(`/api/groups/${group.id}/audit`).set(group.facilitator.auth);
    expect(audit.body.items[0]).toMatchObject({
      action: 'attachment.removed',
      actor: { id: group.member.id },
      before: { id: file.id, name: 'report.bin' },
    });
  });

  it('keeps an Arabic file name and gives it back in Content-Disposition filename* (RFC 5987)', async () => {
    const name = 'تقرير الهجرة ٢٠٢٦.pdf';
    const file = await uploadFile(t, group.id, group.member, { bytes: Buffer.from('plain words'), name });
    expect(file.name).toBe(name);
    expect(file.contentType).toBe('application/octet-stream');
    await attach(group.member, [file.id]);
    const { url } = (await linksFor(t, group.member, [file.id]))[file.id];
    expect(url.endsWith(`/${encodeURIComponent(name)}`)).toBe(true);
    const got = await download(t, url);
    expect(got.status).toBe(200);
    const header = got.headers['content-disposition'];
    expect(header).toContain(
      `filename*=UTF-8''${encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(parseDisposition(header).parameters.filename).toBe(name);
    expect(parseDisposition(header).type).toBe('attachment');
  });

  it('serves images inline, makes their thumbnail, and serves it as WebP', async () => {
    const file = await uploadFile(t, group.id, group.member, { bytes: TINY_PNG, name: 'dot.png' });
    expect(file).toMatchObject({ contentType: 'image/png', hasThumbnail: true });
    await attach(group.member, [file.id]);
    const got = await download(t, (await linksFor(t, group.observer, [file.id]))[file.id].url);
    expect(got.headers['content-disposition']).toMatch(/^inline; filename="?dot\.png"?$/);
    const thumb = await download(t, (await linksFor(t, group.observer, [file.id], 'thumbnail'))[file.id].url);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((thumb.body as Buffer).subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it('lists attached files newest first, filtered by kind, uploader and name words, page by page', async () => {
    const listed = await setupGroup(t, {
      facilitator: group.facilitator,
      member: group.member,
      observer: group.observer,
    });
    const thread = (await createThread(t, listed.id, group.member)).id;
    const message = (await postMessage(t, thread, group.member, 'files')).message.id;
    const files: { id: string }[] = [];
    for (const file of [
      { bytes: TINY_PNG, name: 'map.png' },
      { bytes: Buffer.from('a,b'), name: 'budget.csv' },
      { bytes: Buffer.from('نص'), name: 'تقرير الهجرة.txt' },
    ]) {
      files.push(await uploadFile(t, listed.id, group.member, file));
    }
    await t.db.transaction((tx) =>
      service().claim(
        tx,
        group.member,
        listed.id,
        files.map((f) => f.id),
        { place: 'message', messageId: message, threadId: thread },
      ),
    );
    const list = (query: Record<string, string | number>) =>
      t.http().get(`/api/groups/${listed.id}/attachments`).query(query).set(group.observer.auth);
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((f) => f.id);

    expect(ids(await list({}))).toEqual(files.map((f) => f.id).reverse());
    expect(ids(await list({ kind: 'image' }))).toEqual([files[0].id]);
    expect(ids(await list({ kind: 'spreadsheet' }))).toEqual([files[1].id]);
    expect(ids(await list({ kind: 'text' }))).toEqual([files[2].id]);
    // Every kind's condition is valid SQL, those with no file too.
    for (const kind of ['pdf', 'document', 'presentation', 'archive', 'audio', 'video', 'other']) {
      expect(ids(await list({ kind }))).toEqual([]);
    }
    expect(ids(await list({ q: 'الهجره' }))).toEqual([files[2].id]);
    expect(ids(await list({ q: 'budget' }))).toEqual([files[1].id]);
    expect(ids(await list({ uploaderId: group.facilitator.id }))).toEqual([]);

    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page = await list(before ? { limit: 2, before } : { limit: 2 });
      expect(page.status).toBe(200);
      seen.push(...ids(page));
      before = page.body.nextBefore;
    } while (before);
    expect(seen).toEqual(files.map((f) => f.id).reverse());

    const bad = await list({ before: 'not-a-cursor' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'before', code: 'cursor-invalid' })]);
  });

  it('refuses an upload from an observer with 403', async () => {
    const res = await upload(t, group.id, group.observer, { bytes: Buffer.from('x'), name: 'a.txt' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('role-forbids');
  });

  it('answers an outsider 404 for the list, a file, its links, its download and its thumbnail', async () => {
    const file = await uploadFile(t, group.id, group.member, { bytes: TINY_PNG, name: 'seen.png' });
    await attach(group.member, [file.id]);
    const missing = await t.http().get(`/api/attachments/${randomUUID()}`).set(outsider.auth);
    expect(missing.status).toBe(404);
    const answers = [
      await t.http().get(`/api/groups/${group.id}/attachments`).set(outsider.auth),
      await t.http().get(`/api/attachments/${file.id}`).set(outsider.auth),
      await t
        .http()
        .post('/api/attachments/links')
        .set(outsider.auth)
        .send({ ids: [file.id] }),
      await t
        .http()
        .post('/api/attachments/links')
        .set(outsider.auth)
        .send({ ids: [file.id], variant: 'thumbnail' }),
      await t.http().delete(`/api/attachments/${file.id}`).set(outsider.auth),
      await upload(t, group.id, outsider, { bytes: Buffer.from('x'), name: 'a.txt' }),
    ];
    expect(answers.map((res) => res.status)).toEqual([404, 404, 404, 404, 404, 404]);
    // The same body as for a file that does not exist: nothing tells one from the other.
    expect(answers[1].body).toEqual(missing.body);
    // A link made for the outsider (forged with the server's key) still does not open the file or its thumbnail.
    const key = linkKey(TEST_JWT_SECRET);
    const e = Math.floor(Date.now() / 1000) + 60;
    for (const v of ['file', 'thumbnail'] as const) {
      const token = signLink(key, { a: file.id, u: outsider.id, v, e });
      expect((await download(t, `/api/files/${token}/seen.png`)).status).toBe(404);
    }
  });

  it('answers 404 for an expired link, a tampered one, and a removed member\u2019s still-valid one', async () => {
    const leaver = await registerUser(t);
    await addMember(t, group.id, group.facilitator, leaver, 'member');
    const file = await uploadFile(t, group.id, group.member, { bytes: Buffer.from('minutes'), name: 'minutes.txt' });
    await attach(group.member, [file.id]);
    const { url } = (await linksFor(t, leaver, [file.id]))[file.id];
    expect((await download(t, url)).status).toBe(200);

    const expired = signLink(linkKey(TEST_JWT_SECRET), {
      a: file.id,
      u: leaver.id,
      v: 'file',
      e: Math.floor(Date.now() / 1000) - 1,
    });
    const answer = await download(t, `/api/files/${expired}/minutes.txt`);
    expect(answer.status).toBe(404);
    expect(JSON.parse((answer.body as Buffer).toString())).toMatchObject({ code: 'attachment-not-found' });
    const token = url.split('/')[3];
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}${token.slice(-1)}`;
    expect((await download(t, `/api/files/${tampered}/minutes.txt`)).status).toBe(404);

    const removed = await t.http().delete(`/api/groups/${group.id}/members/${leaver.id}`).set(group.facilitator.auth);
    expect(removed.status).toBe(204);
    expect((await download(t, url)).status).toBe(404);
  });

  it('refuses a file over MAX_UPLOAD_MB with 413, declared or streamed, and keeps nothing', async () => {
    const rowsBefore = (await t.db.query('SELECT count(*)::int AS n FROM attachments'))[0].n;
    const res = await upload(t, group.id, group.member, {
      bytes: randomBytes(MAX_UPLOAD_MB * MIB + 1),
      name: 'big.bin',
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'file-too-large', params: { max: MAX_UPLOAD_MB } });
    // Declared far beyond the limit: refused from the header, before the body is read.
    const declared = await t
      .http()
      .post(`/api/groups/${group.id}/attachments`)
      .set(group.member.auth)
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .set('Content-Length', String(50 * MIB))
      .send('--x\r\n')
      .catch((error: { response?: { status: number } }) => error.response);
    expect(declared?.status).toBe(413);
    expect((await t.db.query('SELECT count(*)::int AS n FROM attachments'))[0].n).toBe(rowsBefore);
  });

  it('refuses an upload past the group quota with 413 group-quota-exceeded', async () => {
    const full = await setupGroup(t, {
      facilitator: group.facilitator,
      member: group.member,
      observer: group.observer,
    });
    const part = randomBytes(900 * 1024);
    expect((await upload(t, full.id, full.member, { bytes: part, name: 'one.bin' })).status).toBe(201);
    expect((await upload(t, full.id, full.member, { bytes: part, name: 'two.bin' })).status).toBe(201);
    const third = await upload(t, full.id, full.member, { bytes: part, name: 'three.bin' });
    expect(third.status).toBe(413);
    expect(third.body).toMatchObject({ code: 'group-quota-exceeded', params: { max: GROUP_QUOTA_MB } });
    expect((await t.db.query('SELECT count(*)::int AS n FROM attachments WHERE group_id = $1', [full.id]))[0].n).toBe(
      2,
    );
  });

  it('answers 400 file-missing without a file part', async () => {
    const res = await t.http().post(`/api/groups/${group.id}/attachments`).set(group.member.auth).field('other', 'x');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('file-missing');
  });

  it('claims a file once: a second claim, someone else\u2019s file or another group\u2019s fails on attachmentIds and rolls back', async () => {
    const other = await setupGroup(t, { member: group.member });
    const mine = await uploadFile(t, group.id, group.member, { bytes: Buffer.from('a'), name: 'a.txt' });
    const second = await uploadFile(t, group.id, group.member, { bytes: Buffer.from('b'), name: 'b.txt' });
    const theirs = await uploadFile(t, group.id, group.facilitator, { bytes: Buffer.from('c'), name: 'c.txt' });
    const elsewhere = await uploadFile(t, other.id, group.member, { bytes: Buffer.from('d'), name: 'd.txt' });
    const status = async (id: string) =>
      (await t.db.query('SELECT status FROM attachments WHERE id = $1', [id]))[0].status;

    expect((await attach(group.member, [mine.id])).map((f) => f.id)).toEqual([mine.id]);
    for (const ids of [
      [second.id, mine.id],
      [second.id, theirs.id],
      [second.id, elsewhere.id],
      [second.id, second.id],
    ]) {
      await expect(attach(group.member, ids)).rejects.toMatchObject({
        details: [expect.objectContaining({ field: 'attachmentIds', code: 'attachment-not-available' })],
      });
      // The whole claim rolled back: the file that was available is still pending.
      expect(await status(second.id)).toBe('pending');
    }
    await expect(
      attach(
        group.member,
        Array.from({ length: 11 }, () => randomUUID()),
      ),
    ).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'attachmentIds', code: 'too-many-items' })],
    });
    expect(await status(theirs.id)).toBe('pending');
    expect(await status(elsewhere.id)).toBe('pending');
    const byMessage = await service().forTargets(t.db.manager, { messageIds: [messageId] });
    expect(byMessage.get(messageId)?.map((f) => f.id)).toContain(mine.id);
  });

  it('the cleanup job removes uploads left uploading over an hour or pending over a day, with their bytes', async () => {
    const stale = await uploadFile(t, group.id, group.member, { bytes: Buffer.from('old'), name: 'old.txt' });
    const stuck = await uploadFile(t, group.id, group.member, { bytes: Buffer.from('stuck'), name: 'stuck.txt' });
    const fresh = await uploadFile(t, group.id, group.member, { bytes: Buffer.from('new'), name: 'new.txt' });
    await t.db.query(`UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = $1`, [stale.id]);
    await t.db.query(
      `UPDATE attachments SET status = 'uploading', created_at = now() - interval '61 minutes' WHERE id = $1`,
      [stuck.id],
    );
    await t.app.get(JobQueue).runNow('attachments.cleanup');
    await eventually(
      async () => (await t.db.query('SELECT id FROM attachments WHERE id = ANY($1)', [[stale.id, stuck.id]])).length,
      (n) => n === 0,
      'the cleanup job',
    );
    expect(await chunksOf(stale.id)).toBe(0);
    expect(await chunksOf(stuck.id)).toBe(0);
    expect(await chunksOf(fresh.id)).toBe(1);
    expect((await t.db.query('SELECT status FROM attachments WHERE id = $1', [fresh.id]))[0].status).toBe('pending');
  });
});
