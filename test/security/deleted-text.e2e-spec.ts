import { createTestApp, TestApp } from '../support/test-app';
import {
  addMember,
  createThread,
  postMessage,
  registerUser,
  setupGroup,
  TestUser,
  notificationsOf,
} from '../support/factories';

/** Audit issue #13, item 3: a deleted message's text stayed readable in the change feed (and wherever else it was copied). */
describe('deleted text', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const notifications = (user: TestUser) => notificationsOf(t, user);

  it('a deleted message leaves its text nowhere: change feed, history, retried sends, search, notifications', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const posted = await postMessage(t, thread.id, g.member, `quokkaoriginal for <@${g.facilitator.id}>`, {
      clientId: 'audit-redaction-1',
    });
    const id = posted.message.id;
    await t.http().patch(`/api/messages/${id}`).set(g.member.auth).send({ body: 'quokkaedited' }).expect(200);
    const before = await t.http().get(`/api/groups/${g.id}/events?after=0`).set(g.observer.auth);
    expect(JSON.stringify(before.body)).toContain('quokkaoriginal'); // control: the feed held the text
    await t.http().delete(`/api/messages/${id}`).set(g.facilitator.auth).expect(200);

    const leaks: string[] = [];
    const check = (where: string, value: unknown) => {
      if (JSON.stringify(value).includes('quokka')) leaks.push(where);
    };
    const newcomer = await registerUser(t);
    await addMember(t, g.id, g.facilitator, newcomer, 'member');
    for (const reader of [g.observer, newcomer]) {
      const feed = await t.http().get(`/api/groups/${g.id}/events?after=0`).set(reader.auth);
      expect(feed.status).toBe(200);
      check('change feed', feed.body);
    }
    check('history', (await t.http().get(`/api/messages/${id}/history`).set(g.member.auth)).body);
    const retry = await t
      .http()
      .post(`/api/threads/${thread.id}/messages`)
      .set(g.member.auth)
      .send({ body: 'quokkaoriginal', clientId: 'audit-redaction-1' });
    check('retried send', retry.body.message);
    check('search', (await t.http().get('/api/search?q=quokkaoriginal').set(g.member.auth)).body);
    check('search', (await t.http().get('/api/search?q=quokkaedited').set(g.member.auth)).body);
    check('notifications', await notifications(g.facilitator));
    expect(leaks).toEqual([]);
    expect(retry.body.message).toMatchObject({ id, deleted: true });
  });
});
