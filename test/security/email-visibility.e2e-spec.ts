import { createTestApp, TestApp } from '../support/test-app';
import {
  createAdmin,
  addMember,
  affiliate,
  createGroup,
  createOrganization,
  registerUser,
  setupGroup,
  TestUser,
} from '../support/factories';

/** Audit issue #13, item 12: every member and observer saw every member's email address, in lists and the change feed. */
describe('email addresses', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t);
  });
  afterAll(() => t.close());

  const everyoneIn = async (groupId: string, reader: TestUser, users: TestUser[]) => {
    const list = await t.http().get(`/api/groups/${groupId}/members`).set(reader.auth);
    expect(list.status).toBe(200);
    const items = list.body.items as { userId: string; email?: string }[];
    expect(items).toHaveLength(users.length);
    for (const item of items) {
      if (item.email !== undefined) expect(item.email).toBe(users.find((u) => u.id === item.userId)!.email);
    }
    // Whose addresses the reader sees, by user id.
    return items
      .filter((i) => i.email !== undefined)
      .map((i) => i.userId)
      .sort();
  };
  const ids = (...users: TestUser[]) => users.map((u) => u.id).sort();

  it('an observer or member of another organization sees only their own address, in the list and the change feed', async () => {
    const g = await setupGroup(t);
    const everyone = [g.facilitator, g.member, g.observer];
    expect(await everyoneIn(g.id, g.observer, everyone)).toEqual(ids(g.observer));
    expect(await everyoneIn(g.id, g.member, everyone)).toEqual(ids(g.member));
    await t
      .http()
      .patch(`/api/groups/${g.id}/members/${g.observer.id}`)
      .set(g.facilitator.auth)
      .send({ role: 'member' })
      .expect(200);
    for (const reader of everyone) {
      const feed = await t.http().get(`/api/groups/${g.id}/events?after=0`).set(reader.auth);
      expect(feed.body.events.map((e: { type: string }) => e.type)).toEqual([
        'member.added',
        'member.added',
        'member.added',
        'member.updated',
      ]);
      const text = JSON.stringify(feed.body);
      expect(everyone.filter((u) => text.includes(u.email)).map((u) => u.id)).toEqual([]);
    }
  });

  it('facilitators, the admin and people of the same organization see the address', async () => {
    const orgA = await createOrganization(t, admin);
    const orgB = await createOrganization(t, admin);
    const [facilitator, member, colleague, observer] = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
    await affiliate(t, admin, facilitator, orgB.id);
    await affiliate(t, admin, member, orgA.id);
    await affiliate(t, admin, colleague, orgA.id);
    const group = await createGroup(t, facilitator);
    await addMember(t, group.id, facilitator, member, 'member');
    await addMember(t, group.id, facilitator, colleague, 'observer');
    await addMember(t, group.id, facilitator, observer, 'observer');
    const everyone = [facilitator, member, colleague, observer];
    expect(await everyoneIn(group.id, observer, everyone)).toEqual(ids(observer));
    expect(await everyoneIn(group.id, member, everyone)).toEqual(ids(member, colleague));
    expect(await everyoneIn(group.id, colleague, everyone)).toEqual(ids(member, colleague));
    expect(await everyoneIn(group.id, facilitator, everyone)).toEqual(ids(...everyone));
    expect(await everyoneIn(group.id, admin, everyone)).toEqual(ids(...everyone));
  });
});
