import { createTestApp, TestApp } from '../support/test-app';
import {
  createAdmin,
  affiliate,
  createOrganization,
  createThread,
  postMessage,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
  notificationsOf,
} from '../support/factories';

describe('threads and messages', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ MAX_MENTIONS: '3' });
    admin = await createAdmin(t);
  });
  afterAll(() => t.close());

  const notifications = (user: TestUser) => notificationsOf(t, user);

  it('lets members start and post in threads, observers only read', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member, { body: 'Opening **message**', objectives: [5] });
    const observerPost = await t
      .http()
      .post(`/api/threads/${thread.id}/messages`)
      .set(g.observer.auth)
      .send({ body: 'hi' });
    expect(observerPost.status).toBe(403);
    const observerThread = await t
      .http()
      .post(`/api/groups/${g.id}/threads`)
      .set(g.observer.auth)
      .send({ title: 'Not allowed', kind: 'discussion' });
    expect(observerThread.status).toBe(403);
    const page = await t.http().get(`/api/threads/${thread.id}/messages`).set(g.observer.auth);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].bodyHtml).toBe('<p>Opening <strong>message</strong></p>');
    const list = await t.http().get(`/api/groups/${g.id}/threads`).set(g.observer.auth);
    expect(list.body.items[0]).toMatchObject({ id: thread.id, messageCount: 1, unreadCount: 1, objectives: [5] });
  });

  it('refuses empty and oversized messages naming the field', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const empty = await t.http().post(`/api/threads/${thread.id}/messages`).set(g.member.auth).send({ body: '' });
    const huge = await t
      .http()
      .post(`/api/threads/${thread.id}/messages`)
      .set(g.member.auth)
      .send({ body: 'x'.repeat(10_001) });
    expect([empty.status, huge.status]).toEqual([400, 400]);
    expect(huge.body.details).toEqual([
      { field: 'body', code: 'too-long', params: { max: 10000 }, message: 'body must be at most 10000 characters' },
    ]);
    const recommendation = await t
      .http()
      .post(`/api/groups/${g.id}/threads`)
      .set(g.member.auth)
      .send({ title: 'No proposal', kind: 'recommendation' });
    expect(recommendation.status).toBe(400);
    expect(recommendation.body.details[0].field).toBe('proposal');
  });

  it('keeps replies one level deep', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const top = await postMessage(t, thread.id, g.member, 'top');
    const reply = await postMessage(t, thread.id, g.facilitator, 'reply', { parentId: top.message.id });
    const nested = await t
      .http()
      .post(`/api/threads/${thread.id}/messages`)
      .set(g.member.auth)
      .send({ body: 'x', parentId: reply.message.id });
    expect(nested.status).toBe(400);
    expect(nested.body.details[0].field).toBe('parentId');
  });

  it('notifies mentioned members, and a mention of an outsider notifies and reveals nothing', async () => {
    const g = await setupGroup(t);
    const outsider = await registerUser(t, { displayName: 'Secret Name' });
    const thread = await createThread(t, g.id, g.member);
    const posted = await postMessage(t, thread.id, g.member, `Hello <@${g.facilitator.id}> and <@${outsider.id}>`);
    expect(posted.message.mentions).toEqual([g.facilitator.id]);
    expect(posted.message.bodyHtml).toContain('class="mention"');
    expect(posted.message.bodyHtml).not.toContain('Secret Name');
    await new Promise((r) => setTimeout(r, 200));
    expect(
      (await notifications(g.facilitator)).some(
        (n) => n.type === 'message.mentioned' && n.subjectId === posted.message.id,
      ),
    ).toBe(true);
    expect(await notifications(outsider)).toEqual([]);
    const tooMany = `<@${g.facilitator.id}> <@${g.member.id}> <@${g.observer.id}> <@${admin.id}>`;
    expect(
      (await t.http().post(`/api/threads/${thread.id}/messages`).set(g.member.auth).send({ body: tooMany })).status,
    ).toBe(400);
  });

  it('keeps every earlier version of an edited message, visible to the group', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const { message } = await postMessage(t, thread.id, g.member, 'first');
    expect(
      (await t.http().patch(`/api/messages/${message.id}`).set(g.facilitator.auth).send({ body: 'hijack' })).status,
    ).toBe(403);
    await t.http().patch(`/api/messages/${message.id}`).set(g.member.auth).send({ body: 'second' });
    const edited = await t.http().patch(`/api/messages/${message.id}`).set(g.member.auth).send({ body: 'third' });
    expect(edited.body).toMatchObject({ body: 'third', edited: true });
    const history = await t.http().get(`/api/messages/${message.id}/history`).set(g.observer.auth);
    expect(history.body.map((v: { body: string }) => v.body)).toEqual(['first', 'second']);
  });

  it('deletes as a tombstone that keeps replies in place; facilitators may delete any message', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const top = await postMessage(t, thread.id, g.member, 'top');
    await postMessage(t, thread.id, g.observer.id === '' ? g.member : g.facilitator, 'reply', {
      parentId: top.message.id,
    });
    expect((await t.http().delete(`/api/messages/${top.message.id}`).set(g.observer.auth)).status).toBe(403);
    const deleted = await t.http().delete(`/api/messages/${top.message.id}`).set(g.facilitator.auth);
    expect(deleted.body).toMatchObject({ deleted: true, body: null, bodyHtml: '' });
    const page = await t.http().get(`/api/threads/${thread.id}/messages`).set(g.member.auth);
    expect(page.body.items.map((m: { deleted: boolean; parentId: string | null }) => [m.deleted, m.parentId])).toEqual([
      [true, null],
      [false, top.message.id],
    ]);
  });

  it('toggles reactions with counts and who reacted', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const { message } = await postMessage(t, thread.id, g.member, 'react to me');
    await t.http().post(`/api/messages/${message.id}/reactions`).set(g.member.auth).send({ emoji: '👍' });
    const both = await t
      .http()
      .post(`/api/messages/${message.id}/reactions`)
      .set(g.facilitator.auth)
      .send({ emoji: '👍' });
    expect(both.body.reactions).toEqual([{ emoji: '👍', count: 2, userIds: [g.member.id, g.facilitator.id] }]);
    const back = await t.http().post(`/api/messages/${message.id}/reactions`).set(g.member.auth).send({ emoji: '👍' });
    expect(back.body.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [g.facilitator.id] }]);
    expect(
      (await t.http().post(`/api/messages/${message.id}/reactions`).set(g.observer.auth).send({ emoji: '👍' })).status,
    ).toBe(403);
    expect(
      (await t.http().post(`/api/messages/${message.id}/reactions`).set(g.member.auth).send({ emoji: 'not an emoji' }))
        .status,
    ).toBe(400);
  });

  it('paginates both ways without skipping or repeating while new messages arrive', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    for (let i = 0; i < 12; i += 1) await postMessage(t, thread.id, g.member, `m${i}`);
    const seen: string[] = [];
    let page = await t.http().get(`/api/threads/${thread.id}/messages?limit=5`).set(g.member.auth);
    seen.unshift(...page.body.items.map((m: { body: string }) => m.body));
    while (page.body.hasOlder) {
      await postMessage(t, thread.id, g.facilitator, `late ${seen.length}`); // arrives meanwhile
      page = await t
        .http()
        .get(`/api/threads/${thread.id}/messages?limit=5&before=${page.body.items[0].id}`)
        .set(g.member.auth);
      seen.unshift(...page.body.items.map((m: { body: string }) => m.body));
    }
    expect(seen).toEqual([...Array(12).keys()].map((i) => `m${i}`));
    const newer = await t
      .http()
      .get(`/api/threads/${thread.id}/messages?limit=100&after=${page.body.items[0].id}`)
      .set(g.member.auth);
    expect(newer.body.items.map((m: { body: string }) => m.body).slice(0, 11)).toEqual(
      [...Array(11).keys()].map((i) => `m${i + 1}`),
    );
    expect(newer.body.items.filter((m: { body: string }) => m.body.startsWith('late'))).toHaveLength(2);
    const around = await t
      .http()
      .get(`/api/threads/${thread.id}/messages?limit=4&around=${newer.body.items[4].id}`)
      .set(g.member.auth);
    expect(around.body.items.map((m: { body: string }) => m.body)).toEqual(['m3', 'm4', 'm5', 'm6']);
  });

  it('tracks read positions and unread counts per thread', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const first = await postMessage(t, thread.id, g.member, 'one');
    await postMessage(t, thread.id, g.member, 'two');
    const read = await t
      .http()
      .put(`/api/threads/${thread.id}/read`)
      .set(g.observer.auth)
      .send({ messageId: first.message.id });
    expect(read.body).toEqual({ unreadCount: 1 });
    expect((await t.http().put(`/api/threads/${thread.id}/read`).set(g.observer.auth).send({})).body).toEqual({
      unreadCount: 0,
    });
    const list = await t.http().get(`/api/groups/${g.id}/threads`).set(g.observer.auth);
    expect(list.body.items[0].unreadCount).toBe(0);
    const groups = await t.http().get('/api/groups').set(g.facilitator.auth);
    expect(groups.body.items.find((x: { id: string }) => x.id === g.id).unreadCount).toBe(2);
    expect((await t.http().get(`/api/groups/${g.id}`).set(g.observer.auth)).body.unreadCount).toBe(0);
  });

  it('makes an archived group read-only for discussion too', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    await t.http().post(`/api/groups/${g.id}/archive`).set(g.facilitator.auth);
    expect(
      (await t.http().post(`/api/threads/${thread.id}/messages`).set(g.member.auth).send({ body: 'x' })).status,
    ).toBe(409);
    expect((await t.http().get(`/api/threads/${thread.id}/messages`).set(g.member.auth)).status).toBe(200);
  });

  describe('recommendations', () => {
    let g: TestGroup;
    let thread: { id: string };
    let colleague: TestUser;

    beforeAll(async () => {
      const orgA = await createOrganization(t, admin, 'Ministry A');
      const orgB = await createOrganization(t, admin, 'NGO B');
      const member = await registerUser(t);
      colleague = await registerUser(t);
      const facilitator = await registerUser(t);
      await affiliate(t, admin, member, orgA.id);
      await affiliate(t, admin, colleague, orgA.id);
      await affiliate(t, admin, facilitator, orgB.id);
      g = await setupGroup(t, { facilitator, member });
      await t
        .http()
        .post(`/api/groups/${g.id}/members`)
        .set(facilitator.auth)
        .send({ userId: colleague.id, role: 'member' });
      thread = await createThread(t, g.id, member, {
        kind: 'recommendation',
        title: 'Open legal pathways',
        proposal: 'Create a **regular** pathway.',
      });
    });

    it('notifies the group of a new recommendation', async () => {
      await new Promise((r) => setTimeout(r, 200));
      expect((await notifications(g.observer)).some((n) => n.type === 'recommendation.created')).toBe(true);
    });

    it('shows positions per person and tallies per organization, showing disagreement', async () => {
      await t.http().put(`/api/threads/${thread.id}/positions`).set(g.member.auth).send({ position: 'endorse' });
      await t
        .http()
        .put(`/api/threads/${thread.id}/positions`)
        .set(colleague.auth)
        .send({ position: 'object', reason: 'Too broad' });
      await t.http().put(`/api/threads/${thread.id}/positions`).set(g.facilitator.auth).send({ position: 'abstain' });
      const changed = await t
        .http()
        .put(`/api/threads/${thread.id}/positions`)
        .set(g.facilitator.auth)
        .send({ position: 'endorse-with-reservations' });
      expect(changed.body.totals).toEqual({ endorse: 1, 'endorse-with-reservations': 1, object: 1, abstain: 0 });
      expect(
        changed.body.byOrganization.map((o: { organization: { name: string }; position: string }) => [
          o.organization.name,
          o.position,
        ]),
      ).toEqual([
        ['Ministry A', 'divided'],
        ['NGO B', 'endorse-with-reservations'],
      ]);
      expect(changed.body.positions.find((p: { user: { id: string } }) => p.user.id === colleague.id)).toMatchObject({
        position: 'object',
        reason: 'Too broad',
      });
      expect(
        (await t.http().put(`/api/threads/${thread.id}/positions`).set(g.observer.auth).send({ position: 'endorse' }))
          .status,
      ).toBe(403);
      expect(
        (await t.http().put(`/api/threads/${thread.id}/positions`).set(g.member.auth).send({ position: 'maybe' }))
          .status,
      ).toBe(400);
    });

    it('is closed by a facilitator with an outcome, after which positions are final', async () => {
      const body = {
        outcome: 'adopted-with-changes',
        statement: 'Adopted with a narrower scope.',
        reviewDate: '2027-06-30',
      };
      expect((await t.http().post(`/api/threads/${thread.id}/outcome`).set(g.member.auth).send(body)).status).toBe(403);
      expect(
        (
          await t
            .http()
            .post(`/api/threads/${thread.id}/outcome`)
            .set(g.facilitator.auth)
            .send({ ...body, reviewDate: '30/06/2027' })
        ).status,
      ).toBe(400);
      const closed = await t.http().post(`/api/threads/${thread.id}/outcome`).set(g.facilitator.auth).send(body);
      expect(closed.body).toMatchObject({
        status: 'closed',
        outcome: 'adopted-with-changes',
        reviewDate: '2027-06-30',
      });
      expect(
        (await t.http().put(`/api/threads/${thread.id}/positions`).set(g.member.auth).send({ position: 'object' }))
          .status,
      ).toBe(409);
      expect((await t.http().post(`/api/threads/${thread.id}/outcome`).set(g.facilitator.auth).send(body)).status).toBe(
        409,
      );
    });
  });

  describe('search', () => {
    it('finds Arabic and English words with highlights, never another group’s text', async () => {
      const mine = await setupGroup(t);
      const other = await setupGroup(t);
      const thread = await createThread(t, mine.id, mine.member, { title: 'Pathways' });
      await postMessage(t, thread.id, mine.member, 'نناقش مسارات الهجرة النظامية اليوم');
      await postMessage(t, thread.id, mine.member, 'Remittances <b>matter</b> for development');
      const hidden = await createThread(t, other.id, other.member, { title: 'Hidden' });
      await postMessage(t, hidden.id, other.member, 'Remittances are secret here الهجرة');

      const arabic = await t.http().get('/api/search').query({ q: 'الهجرة' }).set(mine.member.auth);
      expect(arabic.body).toHaveLength(1);
      expect(arabic.body[0].snippetHtml).toContain('<mark>الهجرة</mark>');
      const english = await t.http().get('/api/search').query({ q: 'remittances' }).set(mine.member.auth);
      expect(english.body.map((h: { groupId: string }) => h.groupId)).toEqual([mine.id]);
      // Markup in the text never comes back as markup: only <mark> is added.
      expect(english.body[0].snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/<[a-z/]/i);
      expect(english.body[0].snippetHtml).toContain('<mark>Remittances</mark>');
      const theirs = await t
        .http()
        .get('/api/search')
        .query({ q: 'remittances', groupId: other.id })
        .set(mine.member.auth);
      expect(theirs.status).toBe(404);
      expect((await t.http().get('/api/search').set(mine.member.auth)).status).toBe(400);
    });
  });
});
