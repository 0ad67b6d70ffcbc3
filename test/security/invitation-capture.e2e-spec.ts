import { createTestApp, TestApp } from '../support/test-app';
import {
  addMember,
  createGroup,
  registerUser,
  setupGroup,
  TestUser,
  notificationsOf,
  unconfirm,
} from '../support/factories';
import { sleep } from '../support/sockets';

/** Audit issue #13, item 1: an account that registered an invited address first could see the invitation in-app and accept it by id. */
describe('invitation capture', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const notifications = (user: TestUser) => notificationsOf(t, user);

  type Stored = Awaited<ReturnType<typeof notifications>>;
  /** A user's notifications once one of them satisfies `found` (they are stored just after the commit). */
  const notificationsOnce = async (user: TestUser, found: (n: Stored[number]) => boolean): Promise<Stored> => {
    const deadline = Date.now() + 3000;
    for (;;) {
      const items = await notifications(user);
      if (items.some(found)) return items;
      if (Date.now() > deadline) throw new Error('timed out waiting for the notification');
      await sleep(20);
    }
  };

  const invite = (groupId: string, by: TestUser, email: string) =>
    t.http().post(`/api/groups/${groupId}/invitations`).set(by.auth).send({ email, role: 'member' }).expect(201);

  it('an unconfirmed account at the invited address gets no in-app notice and cannot accept, by id or token', async () => {
    const g = await setupGroup(t);
    const squatter = await registerUser(t);
    await unconfirm(t, squatter); // an account from before addresses were confirmed: it typed the address in
    await createGroup(t, squatter); // anyone may create a group: being in one's own proves nothing
    const invitation = (await invite(g.id, g.facilitator, squatter.email)).body;

    // A later notice to the same account proves the invitation's turn in the listener has passed.
    const elsewhere = await setupGroup(t);
    await addMember(t, elsewhere.id, elsewhere.facilitator, squatter, 'member');
    const seen = await notificationsOnce(squatter, (n) => n.type === 'member.added');
    expect(seen.map((n) => n.type)).toEqual(['member.added']);

    const byId = await t.http().post(`/api/invitations/${invitation.id}/accept`).set(squatter.auth);
    expect(byId.status).toBe(404);
    // Even holding the link (forwarded to them): an unproven address accepts nothing.
    const byToken = await t.http().post(`/api/invitations/${invitation.token}/accept`).set(squatter.auth);
    expect(byToken.status).toBe(403);
    expect(byToken.body.code).toBe('email-not-confirmed');
    expect((await t.http().get(`/api/groups/${g.id}`).set(squatter.auth)).status).toBe(404);
  });

  it('a confirmed account at the invited address hears of it in-app, and still accepts only with the token', async () => {
    const g = await setupGroup(t);
    const invitee = await registerUser(t);
    const other = await setupGroup(t);
    await addMember(t, other.id, other.facilitator, invitee, 'member');
    const invitation = (await invite(g.id, g.facilitator, invitee.email)).body;

    const seen = await notificationsOnce(invitee, (n) => n.type === 'member.invited');
    expect(seen.find((n) => n.type === 'member.invited')?.subjectId).toBe(invitation.id);

    expect((await t.http().post(`/api/invitations/${invitation.id}/accept`).set(invitee.auth)).status).toBe(404);
    expect((await t.http().get(`/api/groups/${g.id}`).set(invitee.auth)).status).toBe(404);
    const byToken = await t.http().post(`/api/invitations/${invitation.token}/accept`).set(invitee.auth);
    expect(byToken.status).toBe(200);
    expect((await t.http().get(`/api/groups/${g.id}`).set(invitee.auth)).status).toBe(200);
  });
});
