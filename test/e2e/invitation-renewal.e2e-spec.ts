import { createTestApp, TestApp } from '../support/test-app';
import { createAdmin, registerUser, setupGroup, TestUser, uniqueEmail } from '../support/factories';

/** Issue #20, item 11: a facilitator gets an invitation's link again (emailed or only answered); the old one dies. */
describe('renewing an invitation', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t);
  });
  afterAll(() => t.close());

  const invitationMails = async (to: string) =>
    (
      (await t.http().get('/api/admin/outgoing-mail').set(admin.auth)).body.items as { kind: string; to: string }[]
    ).filter((m) => m.kind === 'invitation' && m.to === to).length;

  it('answers a new link that opens the invitation, stops the old one, and emails it only when asked', async () => {
    const g = await setupGroup(t);
    const email = uniqueEmail('invitee');
    const created = await t
      .http()
      .post(`/api/groups/${g.id}/invitations`)
      .set(g.facilitator.auth)
      .send({ email, role: 'observer' })
      .expect(201);
    expect(await invitationMails(email)).toBe(1);

    const copied = await t
      .http()
      .post(`/api/invitations/${created.body.id}/renew`)
      .set(g.facilitator.auth)
      .send({ sendEmail: false })
      .expect(200);
    expect(copied.body).toMatchObject({ id: created.body.id, email, role: 'observer', status: 'pending' });
    expect(copied.body.acceptPath).toBe(`/invitations/${copied.body.token}`);
    expect(copied.body.token).not.toBe(created.body.token);
    await t.http().get(`/api/invitations/${created.body.token}`).expect(404);
    await t.http().get(`/api/invitations/${copied.body.token}`).expect(200);
    expect(await invitationMails(email)).toBe(1);

    const resent = await t.http().post(`/api/invitations/${created.body.id}/renew`).set(g.facilitator.auth).send({});
    expect(resent.status).toBe(200);
    expect(await invitationMails(email)).toBe(2);
    await t.http().get(`/api/invitations/${copied.body.token}`).expect(404);

    const audit = (await t.http().get(`/api/groups/${g.id}/audit`).set(g.facilitator.auth)).body.items as {
      action: string;
      after: { emailed: boolean };
    }[];
    expect(audit.filter((e) => e.action === 'invitation.renewed').map((e) => e.after.emailed)).toEqual([true, false]);
  });

  it('refuses an accepted or revoked invitation', async () => {
    const g = await setupGroup(t);
    const invitee = await registerUser(t);
    const accepted = await t
      .http()
      .post(`/api/groups/${g.id}/invitations`)
      .set(g.facilitator.auth)
      .send({ email: invitee.email, role: 'member' })
      .expect(201);
    await t.http().post(`/api/invitations/${accepted.body.token}/accept`).set(invitee.auth).expect(200);
    const again = await t.http().post(`/api/invitations/${accepted.body.id}/renew`).set(g.facilitator.auth).send({});
    expect([again.status, again.body.code]).toEqual([409, 'invitation-accepted']);

    const revoked = await t
      .http()
      .post(`/api/groups/${g.id}/invitations`)
      .set(g.facilitator.auth)
      .send({ email: uniqueEmail('gone'), role: 'member' })
      .expect(201);
    await t.http().delete(`/api/invitations/${revoked.body.id}`).set(g.facilitator.auth).expect(200);
    const renewed = await t.http().post(`/api/invitations/${revoked.body.id}/renew`).set(g.facilitator.auth).send({});
    expect([renewed.status, renewed.body.code]).toEqual([409, 'invitation-revoked']);
  });
});
