import { EMAIL_VERIFICATION_TTL_MS } from '../../src/auth/email-verification.service';
import {
  createAdmin,
  PASSWORD,
  registerUser,
  setupGroup,
  signIn,
  TestUser,
  unconfirm,
  uniqueEmail,
} from '../support/factories';
import { SmtpSink } from '../support/smtp-sink';
import { sleep, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

const PUBLIC_URL = 'https://tansiq.example.org';

/**
 * Confirming an address by email, over a real SMTP server: the link's token is read from the email as a person would.
 * Audit (#17): an unverified account cannot accept, see or be told of an invitation, speak for an organization or
 * be sent email; registration tells nobody which addresses have accounts.
 */
describe('email verification', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: TestUser;

  beforeAll(async () => {
    smtp = new SmtpSink();
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url, SMTP_CA_FILE: smtp.caFile, PUBLIC_URL, JOB_POLL_SECONDS: '0.5' });
    admin = await createAdmin(t);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const register = (email: string, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, displayName: 'Newcomer', ...extra });
  const login = (email: string, password = PASSWORD) => t.http().post('/api/auth/login').send({ email, password });

  /** The token of the confirmation link in the `nth` confirmation email to the address, once it arrives. */
  async function confirmationToken(email: string, nth = 0): Promise<string> {
    await waitFor(() => smtp.confirmationsTo(email).length > nth, 10_000, 'the confirmation email');
    const text = smtp.confirmationsTo(email)[nth].parsed.text ?? '';
    const link = new RegExp(`${PUBLIC_URL}/verify-email/(\\S+)`).exec(text);
    if (!link) throw new Error(`no confirmation link in: ${text}`);
    return decodeURIComponent(link[1]);
  }
  const confirm = (token: string) => t.http().post('/api/auth/email-verification/confirm').send({ token });

  it('answers a new address and one that has an account the same, and the emails say which', async () => {
    const existing = await registerUser(t);
    const fresh = uniqueEmail('fresh');
    const first = await register(fresh);
    const again = await register(existing.email.toUpperCase(), { password: 'another long passphrase 77' });
    expect([first.status, first.body]).toEqual([202, { status: 'verification-sent' }]);
    expect([again.status, again.body]).toEqual([first.status, first.body]);

    await confirmationToken(fresh);
    await waitFor(() => smtp.to(existing.email).length > 0, 10_000, 'the email to the existing account');
    const told = smtp.to(existing.email)[0].parsed;
    expect(told.subject).toMatch(/tried to register/i);
    expect(told.text).toContain(`${PUBLIC_URL}/login`);
    expect(told.text).toContain(`${PUBLIC_URL}/reset-password`);
    // The existing account (made confirmed by the factory) is told, and sent no confirmation link.
    const queued: { kind: string }[] = await t.db.query(
      'SELECT kind FROM outgoing_emails WHERE user_id = $1 ORDER BY created_at',
      [existing.id],
    );
    expect(queued.map((e) => e.kind)).toEqual(['account-exists']);
    // The existing account is untouched: its password still works, the second registrant's does not.
    expect((await login(existing.email)).status).toBe(200);
    expect((await login(existing.email, 'another long passphrase 77')).status).toBe(401);
  });

  it('signs in nobody before the link is followed, answering as for a wrong password; then signs in', async () => {
    const email = uniqueEmail('pending');
    await register(email).expect(202);
    const unconfirmed = await login(email);
    const wrong = await login(email, 'not the password at all');
    expect([unconfirmed.status, unconfirmed.body]).toEqual([wrong.status, wrong.body]);
    expect(unconfirmed.status).toBe(401);

    expect((await confirm(await confirmationToken(email))).status).toBe(204);
    const signedIn = await login(email);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.emailVerified).toBe(true);
  });

  it('spends a link once, and with it every older link of the account', async () => {
    const email = uniqueEmail('once');
    await register(email).expect(202);
    const older = await confirmationToken(email, 0);
    await t.http().post('/api/auth/email-verification').send({ email }).expect(202);
    const newer = await confirmationToken(email, 1);
    expect(newer).not.toBe(older);
    expect((await confirm(newer)).status).toBe(204);
    for (const token of [newer, older]) {
      const res = await confirm(token);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { field: 'token', code: 'token-invalid', message: 'token is invalid, already used or expired' },
      ]);
    }
  });

  it('refuses an expired link, and gives a link two days', async () => {
    const email = uniqueEmail('late');
    const before = Date.now();
    await register(email).expect(202);
    const token = await confirmationToken(email);
    const [row]: { id: string; expires_at: Date }[] = await t.db.query(
      `SELECT t.id, t.expires_at FROM account_tokens t JOIN users u ON u.id = t.user_id
        WHERE u.email = $1 AND t.purpose = 'verify-email'`,
      [email],
    );
    const lifetime = new Date(row.expires_at).getTime() - before;
    expect(lifetime).toBeGreaterThanOrEqual(EMAIL_VERIFICATION_TTL_MS - 1000);
    expect(lifetime).toBeLessThanOrEqual(EMAIL_VERIFICATION_TTL_MS + 5000);
    await t.db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [row.id]);
    expect((await confirm(token)).status).toBe(400);
    expect((await login(email)).status).toBe(401);
  });

  it('sends a new link only to an unconfirmed account, answering every address the same', async () => {
    const pending = uniqueEmail('resend');
    await register(pending).expect(202);
    await confirmationToken(pending);
    const confirmed = await registerUser(t);
    const nobody = uniqueEmail('nobody');
    const answers = [];
    for (const email of [pending, confirmed.email, nobody]) {
      const res = await t.http().post('/api/auth/email-verification').send({ email });
      answers.push([res.status, res.body]);
    }
    expect(answers).toEqual([
      [202, { status: 'verification-sent' }],
      [202, { status: 'verification-sent' }],
      [202, { status: 'verification-sent' }],
    ]);
    await confirmationToken(pending, 1);
    // Nothing for the confirmed account, nor for the address without one.
    const queued: { kind: string }[] = await t.db.query(
      'SELECT kind FROM outgoing_emails WHERE user_id = $1 OR to_address = $2',
      [confirmed.id, nobody],
    );
    expect(queued).toEqual([]);
    await sleep(1500); // the worker polls every 0.5 s: anything else queued would be here by now
    expect(smtp.confirmationsTo(confirmed.email)).toHaveLength(0);
    expect(smtp.to(confirmed.email)).toHaveLength(0);
    expect(smtp.confirmationsTo(nobody)).toHaveLength(0);
  });

  it('affiliates by a verified domain when the address is confirmed, never by a lookalike', async () => {
    const iom = await t
      .http()
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: `IOM ${Date.now()}`, kind: 'un-agency' })
      .expect(201);
    const domain = `iom-${Date.now()}.int`;
    await t
      .http()
      .put(`/api/organizations/${iom.body.id}/domains`)
      .set(admin.auth)
      .send({ domains: [domain] })
      .expect(200);
    const staff = `omar.${Date.now()}@${domain.toUpperCase()}`;
    await register(staff).expect(202);
    // Unconfirmed, the domain counts for nothing yet.
    const [before] = await t.db.query('SELECT organization_id FROM users WHERE email = $1', [staff.toLowerCase()]);
    expect(before.organization_id).toBeNull();
    await confirm(await confirmationToken(staff.toLowerCase())).expect(204);
    const me = await t
      .http()
      .get('/api/me')
      .set((await signIn(t, staff)).auth);
    expect(me.body.organization).toMatchObject({ id: iom.body.id });

    const lookalike = await registerUser(t, { email: `x.${Date.now()}@evil-${domain}` });
    const other = await t.http().get('/api/me').set(lookalike.auth);
    expect(other.body.organization).toBeNull();
  });

  it('sends an unconfirmed account no email about its groups, while links that prove the address still go', async () => {
    const g = await setupGroup(t);
    const legacy = await registerUser(t);
    // Always at work: the email would go at once, not at the next working hour.
    await t
      .http()
      .patch('/api/me')
      .set(legacy.auth)
      .send({ weekendDays: [], workStartHour: 0, workEndHour: 24 })
      .expect(200);
    await unconfirm(t, legacy);
    await t
      .http()
      .post(`/api/groups/${g.id}/members`)
      .set(g.facilitator.auth)
      .send({ userId: legacy.id, role: 'member' })
      .expect(201);
    const deadline = Date.now() + 10_000;
    let status: string | undefined;
    while (Date.now() < deadline) {
      const rows: { status: string; error: string | null }[] = await t.db.query(
        `SELECT status, error FROM outgoing_emails WHERE user_id = $1 AND kind = 'member.added'`,
        [legacy.id],
      );
      status = rows[0]?.status;
      if (status && status !== 'queued') break;
      await sleep(200);
    }
    expect(status).toBe('skipped');
    expect(smtp.to(legacy.email)).toHaveLength(0);

    await t.http().post('/api/auth/password-reset').send({ email: legacy.email }).expect(202);
    await waitFor(() => smtp.to(legacy.email).length > 0, 10_000, 'the reset email');
    expect(smtp.to(legacy.email)[0].parsed.subject).toMatch(/password/i);
  });

  it('confirms the address of an account that resets its password from the emailed link', async () => {
    const legacy = await registerUser(t);
    await unconfirm(t, legacy);
    await t.http().post('/api/auth/password-reset').send({ email: legacy.email }).expect(202);
    await waitFor(() => smtp.to(legacy.email).length > 0, 10_000, 'the reset email');
    const link = new RegExp(`${PUBLIC_URL}/reset-password/(\\S+)`).exec(smtp.to(legacy.email)[0].parsed.text ?? '');
    await t
      .http()
      .post('/api/auth/password-reset/confirm')
      .send({ token: decodeURIComponent(link![1]), newPassword: 'saffron kettle under moonlight' })
      .expect(204);
    const signedIn = await login(legacy.email, 'saffron kettle under moonlight');
    expect(signedIn.body.user.emailVerified).toBe(true);
  });

  it('lets nobody, not even the workspace admin, make an unconfirmed account speak for an organization', async () => {
    const ministry = await t
      .http()
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: `Ministry ${Date.now()}`, kind: 'government' })
      .expect(201);
    const legacy = await registerUser(t, { requestedOrganizationId: ministry.body.id });
    await unconfirm(t, legacy);
    const byAdmin = await t
      .http()
      .patch(`/api/users/${legacy.id}/organization`)
      .set(admin.auth)
      .send({ organizationId: ministry.body.id });
    expect([byAdmin.status, byAdmin.body.code]).toEqual([403, 'email-not-confirmed']);
    const approve = await t
      .http()
      .post(`/api/organizations/${ministry.body.id}/requests/${legacy.id}/approve`)
      .set(admin.auth);
    expect([approve.status, approve.body.code]).toEqual([403, 'email-not-confirmed']);
    const me = await t.http().get('/api/me').set(legacy.auth);
    expect(me.body).toMatchObject({ organization: null, emailVerified: false });
  });
});
