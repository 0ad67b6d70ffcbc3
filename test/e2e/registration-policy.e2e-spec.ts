import { createAdmin, createGroup, PASSWORD, TestUser, uniqueEmail } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const register = (t: TestApp, email: string) =>
  t.http().post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'Newcomer' });

/** REGISTRATION=open|domains|invite-only: who may create an account, refused alike whether the address has one. */
describe('registration policy', () => {
  describe('invite-only', () => {
    let t: TestApp;
    let admin: TestUser;
    beforeAll(async () => {
      t = await createTestApp({ REGISTRATION: 'invite-only' });
      admin = await createAdmin(t); // the first admin comes from the setup link, whatever the policy
    });
    afterAll(() => t.close());

    it('refuses an address without a pending invitation with 403 and a code, alike for an existing account', async () => {
      const fresh = await register(t, uniqueEmail('stranger'));
      const existing = await register(t, admin.email);
      expect(fresh.status).toBe(403);
      expect(fresh.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        code: 'registration-invite-only',
        message: expect.any(String),
      });
      expect([existing.status, existing.body]).toEqual([fresh.status, fresh.body]);
    });

    it('lets an invited address register while the invitation is pending, and not once it is revoked', async () => {
      const group = await createGroup(t, admin);
      const invite = (email: string) =>
        t.http().post(`/api/groups/${group.id}/invitations`).set(admin.auth).send({ email, role: 'member' });
      const invited = uniqueEmail('invited');
      expect((await invite(invited.toUpperCase())).status).toBe(201);
      expect((await register(t, invited)).status).toBe(202);

      const withdrawn = uniqueEmail('withdrawn');
      const invitation = await invite(withdrawn);
      expect((await t.http().delete(`/api/invitations/${invitation.body.id}`).set(admin.auth)).status).toBe(200);
      const refused = await register(t, withdrawn);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('registration-invite-only');
    });
  });

  describe('domains', () => {
    let t: TestApp;
    let admin: TestUser;
    beforeAll(async () => {
      t = await createTestApp({ REGISTRATION: 'domains', REGISTRATION_DOMAINS: 'iom.int,mofa.gov.iq' });
      admin = await createAdmin(t); // at example.org, outside the listed domains
    });
    afterAll(() => t.close());

    it('lets listed domains register and refuses others with 403 and a code, alike for an existing account', async () => {
      expect((await register(t, `omar.${Date.now()}@IOM.int`)).status).toBe(202);
      const fresh = await register(t, uniqueEmail('outside'));
      const existing = await register(t, admin.email);
      const lookalike = await register(t, `x.${Date.now()}@evil-iom.int`);
      expect(fresh.status).toBe(403);
      expect(fresh.body.code).toBe('registration-domain-not-allowed');
      expect([existing.status, existing.body]).toEqual([fresh.status, fresh.body]);
      expect([lookalike.status, lookalike.body]).toEqual([fresh.status, fresh.body]);
    });
  });
});
