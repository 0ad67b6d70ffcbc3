import { createTestApp, TestApp } from '../support/test-app';
import { createThread, notificationsOf, postMessage, setupGroup, TestUser } from '../support/factories';

/** Issue #20, item 12: a notification about a message quotes its start, as the email does, to members only. */
describe('notification excerpts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Notifications are stored after the message commits: polled until the mention is there. */
  const mentionOf = async (user: TestUser, messageId: string) => {
    for (let waited = 0; waited < 5000; waited += 50) {
      const found = (await notificationsOf(t, user)).find((n) => n.subjectId === messageId);
      if (found) return found;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error('no notification of the mention');
  };

  it('quotes the message as it reads now, mentions by name, and nothing once the reader has left or it is deleted', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const long = 'word '.repeat(80);
    const posted = await postMessage(
      t,
      thread.id,
      g.member,
      `<@${g.observer.id}>   please check\n\nthe permit figures ${long}`,
    );
    const observerName = (await t.http().get('/api/me').set(g.observer.auth)).body.displayName as string;
    const quoted = await mentionOf(g.observer, posted.message.id);
    expect(quoted.excerpt).toMatch(new RegExp(`^@${observerName} please check the permit figures word`));
    expect(quoted.excerpt!.endsWith('…')).toBe(true);
    expect(quoted.excerpt!.length).toBeLessThanOrEqual(260);

    const other = await postMessage(t, thread.id, g.member, `<@${g.observer.id}> a second one`);
    await mentionOf(g.observer, other.message.id);
    await t.http().delete(`/api/messages/${other.message.id}`).set(g.member.auth).expect(200);
    expect((await notificationsOf(t, g.observer)).find((n) => n.subjectId === other.message.id)!.excerpt).toBeNull();

    await t.http().post(`/api/groups/${g.id}/leave`).set(g.observer.auth).expect(204);
    expect((await notificationsOf(t, g.observer)).find((n) => n.subjectId === posted.message.id)!.excerpt).toBeNull();
  });
});
