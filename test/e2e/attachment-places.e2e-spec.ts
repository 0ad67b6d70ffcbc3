import { randomBytes, randomUUID } from 'node:crypto';
import type { AttachmentDto } from '../../src/attachments/dto/attachment.dto';
import type { ActionCommentDto, ActionItemDto } from '../../src/action-items/dto/action-item.dto';
import type { CatchUp } from '../../src/events/dto/catch-up.dto';
import type { FeedEvent } from '../../src/events/events';
import type { MessageDto, MessagePageDto, PostedMessage } from '../../src/threads/dto/message.dto';
import type { SearchHitDto } from '../../src/threads/dto/search.dto';
import type { MyThreadDto, ThreadDto } from '../../src/threads/dto/thread.dto';
import { createThread, pendingAttachment, registerUser, setupGroup, TestGroup, TestUser } from '../support/factories';
import { connect, recordEvents, TestSocket, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

const clientId = () => randomBytes(12).toString('base64url');
const names = (files: AttachmentDto[]) => files.map((f) => f.name);

describe('attachments in their places: messages, proposals, action items, progress notes', () => {
  let t: TestApp;
  let url: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT: '1000', SOCKET_EVENT_RATE_LIMIT: '100000' });
    url = await t.listen();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  /** The live events a member's socket receives from now on. */
  const listen = async (user: TestUser) => {
    const socket = await connect(url, user.accessToken);
    sockets.push(socket);
    return recordEvents(socket);
  };
  const arrived = async <T extends FeedEvent['type']>(events: FeedEvent[], type: T, id: string) => {
    await waitFor(() => events.some((e) => e.type === type && (e.data as { id?: string }).id === id), 3000, type);
    return events.find((e) => e.type === type && (e.data as { id?: string }).id === id) as FeedEvent<T>;
  };
  const lastSeq = async (groupId: string) =>
    Number((await t.db.query('SELECT last_seq FROM working_groups WHERE id = $1', [groupId]))[0].last_seq);
  const catchUp = async (user: TestUser, groupId: string, after: number) =>
    (await t.http().get(`/api/groups/${groupId}/events?after=${after}`).set(user.auth)).body as CatchUp;
  const statusOf = async (ids: string[]) =>
    (
      (await t.db.query('SELECT status FROM attachments WHERE id = ANY($1::uuid[]) ORDER BY created_at, id', [
        ids,
      ])) as { status: string }[]
    ).map((r) => r.status);
  const count = async (sql: string, params: unknown[]) => Number((await t.db.query(sql, params))[0].n);

  describe('on a message', () => {
    let g: TestGroup;
    let threadId: string;
    beforeAll(async () => {
      g = await setupGroup(t);
      threadId = (await createThread(t, g.id, g.member)).id;
    });

    it('posted by REST: in the answer, the live event, the message page and catch-up', async () => {
      const files = [
        await pendingAttachment(t, g.member, g.id, 'agenda.pdf'),
        await pendingAttachment(t, g.member, g.id, 'photo.png', 'image/png'),
      ];
      const events = await listen(g.observer);
      const before = await lastSeq(g.id);
      const res = await t
        .http()
        .post(`/api/threads/${threadId}/messages`)
        .set(g.member.auth)
        .send({ body: 'With files', attachmentIds: files });
      expect(res.status).toBe(201);
      const message = (res.body as PostedMessage).message;
      expect(message.attachments).toEqual([
        expect.objectContaining({
          id: files[0],
          groupId: g.id,
          name: 'agenda.pdf',
          kind: 'pdf',
          size: 1234,
          place: 'message',
          messageId: message.id,
          threadId,
          actionItemId: null,
          actionItemCommentId: null,
          uploader: { id: g.member.id, displayName: 'Test User' },
        }),
        expect.objectContaining({ id: files[1], name: 'photo.png', kind: 'image', place: 'message' }),
      ]);
      expect(await statusOf(files)).toEqual(['attached', 'attached']);

      const live = await arrived(events, 'message.created', message.id);
      expect(live.data.attachments).toEqual(message.attachments);
      const page = (await t.http().get(`/api/threads/${threadId}/messages`).set(g.observer.auth))
        .body as MessagePageDto;
      expect(page.items.find((m) => m.id === message.id)?.attachments).toEqual(message.attachments);
      const replayed = (await catchUp(g.observer, g.id, before)).events.find(
        (e) => e.type === 'message.created' && e.data.id === message.id,
      ) as FeedEvent<'message.created'>;
      expect(replayed.data.attachments).toEqual(message.attachments);
    });

    it('a message without files has an empty list of them', async () => {
      const res = await t.http().post(`/api/threads/${threadId}/messages`).set(g.member.auth).send({ body: 'Plain' });
      expect(res.status).toBe(201);
      expect((res.body as PostedMessage).message.attachments).toEqual([]);
    });

    it('sent over the socket and retried with its client id: claimed once, one message, the same acknowledgement', async () => {
      const files = [await pendingAttachment(t, g.member, g.id, 'minutes.docx', 'application/msword')];
      const events = await listen(g.observer);
      const sender = await connect(url, g.member.accessToken);
      sockets.push(sender);
      const before = await count('SELECT count(*)::int AS n FROM messages WHERE thread_id = $1', [threadId]);
      const send = { threadId, body: 'Over the socket', clientId: clientId(), attachmentIds: files };
      const first = (await sender.emitWithAck('message.send', send)) as unknown as { ok: boolean; data: PostedMessage };
      const retry = await sender.emitWithAck('message.send', send);
      expect(first.ok).toBe(true);
      expect(retry).toEqual(first);
      expect(first.data.message.attachments).toEqual([
        expect.objectContaining({ id: files[0], kind: 'document', place: 'message', messageId: first.data.message.id }),
      ]);
      expect(await count('SELECT count(*)::int AS n FROM messages WHERE thread_id = $1', [threadId])).toBe(before + 1);
      expect(
        await count('SELECT count(*)::int AS n FROM attachments WHERE message_id = $1', [first.data.message.id]),
      ).toBe(1);
      const live = await arrived(events, 'message.created', first.data.message.id);
      expect(live.data.attachments).toEqual(first.data.message.attachments);
    });

    it('refuses another member’s file, another group’s, an attached one and an unknown id, and writes nothing', async () => {
      const other = await setupGroup(t, { member: g.member });
      const attached = await pendingAttachment(t, g.member, g.id);
      await t
        .http()
        .post(`/api/threads/${threadId}/messages`)
        .set(g.member.auth)
        .send({ body: 'Takes it', attachmentIds: [attached] });
      const mine = await pendingAttachment(t, g.member, g.id);
      const refused = {
        'another member’s': await pendingAttachment(t, g.facilitator, g.id),
        'another group’s': await pendingAttachment(t, g.member, other.id),
        'an attached one': attached,
        'an unknown id': randomUUID(),
      };
      for (const [what, id] of Object.entries(refused)) {
        const messages = await count('SELECT count(*)::int AS n FROM messages WHERE thread_id = $1', [threadId]);
        const seq = await lastSeq(g.id);
        const res = await t
          .http()
          .post(`/api/threads/${threadId}/messages`)
          .set(g.member.auth)
          .send({ body: `With ${what}`, attachmentIds: [mine, id] });
        expect([what, res.status, res.body.details]).toEqual([
          what,
          400,
          [expect.objectContaining({ field: 'attachmentIds', code: 'attachment-not-available' })],
        ]);
        expect(await count('SELECT count(*)::int AS n FROM messages WHERE thread_id = $1', [threadId])).toBe(messages);
        expect(await lastSeq(g.id)).toBe(seq);
        expect(await statusOf([mine])).toEqual(['pending']);
      }
    });

    it('refuses more than ten files at once', async () => {
      const ids = Array.from({ length: 11 }, () => randomUUID());
      const res = await t
        .http()
        .post(`/api/threads/${threadId}/messages`)
        .set(g.member.auth)
        .send({ body: 'Too many', attachmentIds: ids });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'attachmentIds', code: 'too-many-items', params: { max: 10 } }),
      ]);
    });

    it('deleting the message removes its files: rows gone and audited, the live event and catch-up show none', async () => {
      const files = [await pendingAttachment(t, g.member, g.id, 'secret.pdf')];
      const before = await lastSeq(g.id);
      const posted = (
        await t
          .http()
          .post(`/api/threads/${threadId}/messages`)
          .set(g.member.auth)
          .send({ body: 'Soon gone', attachmentIds: files })
      ).body as PostedMessage;
      const events = await listen(g.observer);
      const res = await t.http().delete(`/api/messages/${posted.message.id}`).set(g.member.auth);
      expect(res.status).toBe(200);
      expect((res.body as MessageDto).attachments).toEqual([]);
      expect(await count('SELECT count(*)::int AS n FROM attachments WHERE id = ANY($1::uuid[])', [files])).toBe(0);
      const live = await arrived(events, 'message.deleted', posted.message.id);
      expect(live.data.attachments).toEqual([]);
      const audit = await t.http().get(`/api/groups/${g.id}/audit`).set(g.facilitator.auth);
      expect(audit.body.items).toContainEqual(
        expect.objectContaining({
          action: 'attachment.removed',
          actor: expect.objectContaining({ id: g.member.id }),
          before: expect.objectContaining({ id: files[0], name: 'secret.pdf', messageId: posted.message.id }),
        }),
      );
      const replay = await catchUp(g.observer, g.id, before);
      const created = replay.events.find((e) => e.type === 'message.created' && e.data.id === posted.message.id);
      expect((created?.data as MessageDto).attachments).toEqual([]);
    });
  });

  describe('on a recommendation’s proposal', () => {
    it('created with files, and given more while open: in the answer, the live event and the thread list', async () => {
      const g = await setupGroup(t);
      const events = await listen(g.observer);
      const first = await pendingAttachment(t, g.member, g.id, 'draft.pdf');
      const created = await t
        .http()
        .post(`/api/groups/${g.id}/threads`)
        .set(g.member.auth)
        .send({ title: 'Adopt the plan', kind: 'recommendation', proposal: 'Adopt it', attachmentIds: [first] });
      expect(created.status).toBe(201);
      const thread = created.body as ThreadDto;
      expect(thread.attachments).toEqual([
        expect.objectContaining({ id: first, place: 'proposal', threadId: thread.id, messageId: null }),
      ]);
      expect((await arrived(events, 'thread.created', thread.id)).data.attachments).toEqual(thread.attachments);

      const second = await pendingAttachment(t, g.member, g.id, 'annex.xlsx', 'text/csv');
      const updated = await t
        .http()
        .patch(`/api/threads/${thread.id}`)
        .set(g.member.auth)
        .send({ attachmentIds: [second] });
      expect(updated.status).toBe(200);
      expect(names((updated.body as ThreadDto).attachments)).toEqual(['draft.pdf', 'annex.xlsx']);
      expect((await arrived(events, 'thread.updated', thread.id)).data.attachments).toEqual(updated.body.attachments);

      const list = (await t.http().get(`/api/groups/${g.id}/threads`).set(g.observer.auth)).body as {
        items: MyThreadDto[];
      };
      expect(names(list.items.find((i) => i.id === thread.id)!.attachments)).toEqual(['draft.pdf', 'annex.xlsx']);
      const one = (await t.http().get(`/api/threads/${thread.id}`).set(g.observer.auth)).body as ThreadDto;
      expect(one.attachments).toEqual(updated.body.attachments);
    });

    it('a discussion takes no proposal files, and writes nothing', async () => {
      const g = await setupGroup(t);
      const file = await pendingAttachment(t, g.member, g.id);
      const res = await t
        .http()
        .post(`/api/groups/${g.id}/threads`)
        .set(g.member.auth)
        .send({ title: 'Just talk', kind: 'discussion', attachmentIds: [file] });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('attachmentIds');
      expect(await count('SELECT count(*)::int AS n FROM threads WHERE group_id = $1', [g.id])).toBe(0);
      expect(await statusOf([file])).toEqual(['pending']);
    });
  });

  describe('on an action item and its progress notes', () => {
    it('files on the item and evidence on a progress note: answers, live events, lists, evidence count, CSV, report', async () => {
      const g = await setupGroup(t);
      const events = await listen(g.observer);
      const own = await pendingAttachment(t, g.facilitator, g.id, 'terms.pdf');
      const created = await t
        .http()
        .post(`/api/groups/${g.id}/actions`)
        .set(g.facilitator.auth)
        .send({ title: 'Draft the terms', focalPersonId: g.member.id, attachmentIds: [own] });
      expect(created.status).toBe(201);
      const item = created.body as ActionItemDto;
      expect(item.attachments).toEqual([
        expect.objectContaining({ id: own, place: 'action', actionItemId: item.id, actionItemCommentId: null }),
      ]);
      expect(item.evidenceCount).toBe(1);
      expect((await arrived(events, 'action.created', item.id)).data.attachments).toEqual(item.attachments);

      const evidence = [
        await pendingAttachment(t, g.member, g.id, 'signed.pdf'),
        await pendingAttachment(t, g.member, g.id, 'photo.jpg', 'image/jpeg'),
      ];
      const note = await t
        .http()
        .post(`/api/actions/${item.id}/comments`)
        .set(g.member.auth)
        .send({ body: 'Signed today', kind: 'progress', attachmentIds: evidence });
      expect(note.status).toBe(201);
      const comment = note.body as ActionCommentDto;
      expect(comment.attachments).toEqual([
        expect.objectContaining({
          id: evidence[0],
          place: 'progress',
          actionItemId: item.id,
          actionItemCommentId: comment.id,
        }),
        expect.objectContaining({ id: evidence[1], kind: 'image' }),
      ]);
      expect((await arrived(events, 'action.commented', comment.id)).data.attachments).toEqual(comment.attachments);
      const counted = await arrived(events, 'action.updated', item.id);
      expect([counted.data.evidenceCount, counted.data.version]).toEqual([3, item.version]);
      const comments = (await t.http().get(`/api/actions/${item.id}/comments`).set(g.observer.auth))
        .body as ActionCommentDto[];
      expect(comments.find((c) => c.id === comment.id)?.attachments).toEqual(comment.attachments);

      const more = await pendingAttachment(t, g.member, g.id, 'update.pdf');
      const patched = await t
        .http()
        .patch(`/api/actions/${item.id}`)
        .set(g.member.auth)
        .send({ version: item.version, attachmentIds: [more] });
      expect(patched.status).toBe(200);
      expect(names((patched.body as ActionItemDto).attachments)).toEqual(['terms.pdf', 'update.pdf']);
      expect(patched.body.version).toBe(item.version + 1);
      await waitFor(
        () => events.some((e) => e.type === 'action.updated' && e.data.id === item.id && e.data.evidenceCount === 4),
        3000,
        'the item with its fourth file',
      );

      const list = (await t.http().get(`/api/groups/${g.id}/actions`).set(g.observer.auth)).body as {
        items: ActionItemDto[];
      };
      const listed = list.items.find((i) => i.id === item.id)!;
      expect(listed.evidenceCount).toBe(4);
      expect(names(listed.attachments)).toEqual(['terms.pdf', 'update.pdf']);
      expect((await t.http().get(`/api/actions/${item.id}`).set(g.observer.auth)).body.evidenceCount).toBe(4);

      const csv = await t.http().get(`/api/groups/${g.id}/actions.csv`).set(g.observer.auth);
      const [header, ...rows] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
      const column = header.split(',').indexOf('"Evidence files"');
      expect(column).toBeGreaterThan(0);
      expect(rows.find((row) => row.startsWith(`"${item.id}",`))!.split(',')[column]).toBe('"4"');
      const arabic = await t
        .http()
        .get(`/api/groups/${g.id}/actions.csv`)
        .set(g.observer.auth)
        .set('Accept-Language', 'ar');
      expect(arabic.text).toContain('"ملفات الإثبات"');
      const report = (await t.http().get(`/api/groups/${g.id}/report`).set(g.observer.auth)).body;
      expect(report.totals.evidenceFiles).toBe(4);
    });

    it('a plain comment takes no files, and a refused file leaves no note', async () => {
      const g = await setupGroup(t);
      const item = (
        await t
          .http()
          .post(`/api/groups/${g.id}/actions`)
          .set(g.facilitator.auth)
          .send({ title: 'Item', focalPersonId: g.member.id })
      ).body as ActionItemDto;
      const file = await pendingAttachment(t, g.member, g.id);
      const plain = await t
        .http()
        .post(`/api/actions/${item.id}/comments`)
        .set(g.member.auth)
        .send({ body: 'Just a comment', attachmentIds: [file] });
      expect(plain.status).toBe(400);
      const stranger = await pendingAttachment(t, g.facilitator, g.id);
      const note = await t
        .http()
        .post(`/api/actions/${item.id}/comments`)
        .set(g.member.auth)
        .send({ body: 'Evidence', kind: 'progress', attachmentIds: [stranger] });
      expect(note.status).toBe(400);
      expect(note.body.details[0]).toMatchObject({ field: 'attachmentIds', code: 'attachment-not-available' });
      expect(
        await count('SELECT count(*)::int AS n FROM action_item_comments WHERE action_item_id = $1', [item.id]),
      ).toBe(0);
      expect(await statusOf([file, stranger])).toEqual(['pending', 'pending']);
    });
  });

  describe('search by file name', () => {
    it('finds an Arabic file name by one of its words for a member, not for an outsider', async () => {
      const g = await setupGroup(t);
      const outsider = await registerUser(t);
      const thread = await createThread(t, g.id, g.member);
      const file = await pendingAttachment(t, g.member, g.id, 'محضر الاجتماع.pdf');
      const posted = (
        await t
          .http()
          .post(`/api/threads/${thread.id}/messages`)
          .set(g.member.auth)
          .send({ body: 'See the file', attachmentIds: [file] })
      ).body as PostedMessage;
      const pending = await pendingAttachment(t, g.member, g.id, 'محضر آخر.pdf');
      const search = (user: TestUser, q: string) =>
        t.http().get('/api/search').query({ q, kind: 'file' }).set(user.auth);

      const found = await search(g.observer, 'محضر');
      expect(found.status).toBe(200);
      expect(found.body as SearchHitDto[]).toEqual([
        expect.objectContaining({
          kind: 'file',
          id: file,
          groupId: g.id,
          threadId: thread.id,
          file: {
            name: 'محضر الاجتماع.pdf',
            place: 'message',
            messageId: posted.message.id,
            actionItemCommentId: null,
          },
        }),
      ]);
      expect((found.body as SearchHitDto[])[0].snippetHtml).toContain('<mark>');
      expect((await search(g.observer, 'الاجتماع')).body.map((h: SearchHitDto) => h.id)).toEqual([file]);
      expect((await search(outsider, 'محضر')).body).toEqual([]);
      expect((await search(g.observer, 'محضر')).body.map((h: SearchHitDto) => h.id)).not.toContain(pending);
    });
  });
});
