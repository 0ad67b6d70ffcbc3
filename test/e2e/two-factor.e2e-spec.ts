import { hashRecoveryCode } from '../../src/two-factor/recovery-codes';
import {
  addMember,
  appCode,
  awayFromStepEdge,
  createAdmin,
  createGroup,
  enableTwoFactor,
  PASSWORD,
  registerUser,
  TestUser,
} from '../support/factories';
import { openSocket, refusal, TestSocket } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

/** TOTP second factor over the real app: enrolment, the two-step sign-in, recovery codes, limits, the requirement. */
describe('two-factor authentication', () => {
  let t: TestApp;
  let url: string;
  let admin: TestUser;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    // The per-address limit has its own test and app below; here every request comes from 127.0.0.1.
    t = await createTestApp({ TWO_FACTOR_ADDRESS_LIMIT: '10000' });
    url = await t.listen();
    admin = await createAdmin(t);
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t.close();
  });

  const login = (email: string, password = PASSWORD) => t.http().post('/api/auth/login').send({ email, password });
  const secondStep = (body: object) => t.http().post('/api/auth/login/two-factor').send(body);
  const challengeOf = async (user: TestUser): Promise<string> => {
    const res = await login(user.email);
    expect(res.status).toBe(200);
    return res.body.challenge as string;
  };

  it('sets up with the password only, answering the secret, an otpauth URI and its QR code once', async () => {
    const user = await registerUser(t);
    const wrong = await t.http().post('/api/me/two-factor/setup').set(user.auth).send({ password: 'not my password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toContainEqual({ field: 'password', code: 'password-wrong', message: 'is wrong' });

    const res = await t.http().post('/api/me/two-factor/setup').set(user.auth).send({ password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(res.body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(res.body.secret);
    expect(decodeURIComponent(uri.pathname)).toContain(user.email);
    expect(res.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(res.body.qrCode.split(',')[1], 'base64').toString()).toMatch(/^<svg/);

    const status = await t.http().get('/api/me/two-factor').set(user.auth);
    expect(status.body).toMatchObject({ enabled: false, pending: true, required: false });
    // Until confirmed with a code, sign-in stays one step.
    expect((await login(user.email)).body.accessToken).toEqual(expect.any(String));
  });

  it('stores the secret sealed and the recovery codes hashed, never as themselves', async () => {
    const user = await registerUser(t);
    const { secret, recoveryCodes } = await enableTwoFactor(t, user);
    expect(recoveryCodes).toHaveLength(10);
    const [row]: { secret_sealed: string }[] = await t.db.query(
      'SELECT secret_sealed FROM two_factor_credentials WHERE user_id = $1',
      [user.id],
    );
    expect(row.secret_sealed).not.toContain(secret);
    const hashes: { code_hash: string }[] = await t.db.query(
      'SELECT code_hash FROM two_factor_recovery_codes WHERE user_id = $1 ORDER BY code_hash',
      [user.id],
    );
    expect(hashes.map((h) => h.code_hash)).toEqual(recoveryCodes.map(hashRecoveryCode).sort());
  });

  it('refuses a wrong code at enrolment and keeps two-factor off', async () => {
    const user = await registerUser(t);
    await t.http().post('/api/me/two-factor/setup').set(user.auth).send({ password: PASSWORD });
    const res = await t.http().post('/api/me/two-factor/enable').set(user.auth).send({ code: '000000' });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({
      field: 'code',
      code: 'code-wrong',
      message: 'is wrong, expired or already used',
    });
    expect((await t.http().get('/api/me/two-factor').set(user.auth)).body.enabled).toBe(false);
  });

  it('signs in in two steps: a challenge and no tokens for the password, then tokens for the code', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTwoFactor(t, user);
    const first = await login(user.email);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String), expiresIn: 300 });
    expect(first.headers['set-cookie']).toBeUndefined();

    const second = await secondStep({ challenge: first.body.challenge, code: appCode(secret) });
    expect(second.status).toBe(200);
    expect(second.body.user.id).toBe(user.id);
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${second.body.accessToken}`)).status).toBe(200);
    // The challenge is spent.
    const again = await secondStep({ challenge: first.body.challenge, code: appCode(secret, 1) });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('two-factor-challenge-invalid');
  });

  it('never takes the same code twice, nor an older one, within its window', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTwoFactor(t, user);
    const code = appCode(secret);
    expect((await secondStep({ challenge: await challengeOf(user), code })).status).toBe(200);
    const replay = await secondStep({ challenge: await challengeOf(user), code });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('two-factor-code-wrong');
    // The enrolment used the previous step: it is spent as well.
    expect((await secondStep({ challenge: await challengeOf(user), code: appCode(secret, -1) })).status).toBe(401);
    expect((await secondStep({ challenge: await challengeOf(user), code: appCode(secret, 1) })).status).toBe(200);
  });

  it('signs in with a recovery code once, and never again with the same one', async () => {
    const user = await registerUser(t);
    const { recoveryCodes } = await enableTwoFactor(t, user);
    const typed = recoveryCodes[3].toUpperCase().replace(/-/g, ' ');
    expect((await secondStep({ challenge: await challengeOf(user), recoveryCode: typed })).status).toBe(200);
    const reused = await secondStep({ challenge: await challengeOf(user), recoveryCode: recoveryCodes[3] });
    expect(reused.status).toBe(401);
    const status = await t.http().get('/api/me/two-factor').set(user.auth);
    expect(status.body).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });
  });

  it('wants exactly one of code and recoveryCode, and a real challenge', async () => {
    const user = await registerUser(t);
    const { secret, recoveryCodes } = await enableTwoFactor(t, user);
    const challenge = await challengeOf(user);
    expect((await secondStep({ challenge })).status).toBe(400);
    expect((await secondStep({ challenge, code: appCode(secret), recoveryCode: recoveryCodes[0] })).status).toBe(400);
    const forged = await secondStep({ challenge: 'x'.repeat(43), code: appCode(secret) });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('two-factor-challenge-invalid');
  });

  it('refuses an expired challenge', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTwoFactor(t, user);
    const challenge = await challengeOf(user);
    await t.db.query(
      `UPDATE account_tokens SET expires_at = now() - interval '1 second'
        WHERE user_id = $1 AND purpose = 'two-factor-login'`,
      [user.id],
    );
    const res = await secondStep({ challenge, code: appCode(secret) });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('two-factor-challenge-invalid');
  });

  it('locks the account’s codes after five wrong ones in a row: 429 even for the right code', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTwoFactor(t, user);
    const challenge = await challengeOf(user);
    for (let i = 0; i < 5; i += 1) {
      expect((await secondStep({ challenge, code: '000000' })).status).toBe(401);
    }
    const locked = await secondStep({ challenge, code: appCode(secret) });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ statusCode: 429, code: 'two-factor-locked', error: 'Too Many Requests' });
    expect(locked.body.message).toMatch(/15 more minute/);
    // The lock holds on the signed-in routes too: they check codes the same way.
    const regenerate = await t.http().post('/api/me/two-factor/recovery-codes').set(user.auth).send({ code: '123456' });
    expect(regenerate.status).toBe(429);
    // Once the lock has passed, the right code works, and the count starts again.
    await t.db.query(`UPDATE two_factor_credentials SET locked_until = now() WHERE user_id = $1`, [user.id]);
    expect((await secondStep({ challenge, code: appCode(secret) })).status).toBe(200);
    const [row]: { failed_attempts: number }[] = await t.db.query(
      'SELECT failed_attempts FROM two_factor_credentials WHERE user_id = $1',
      [user.id],
    );
    expect(row.failed_attempts).toBe(0);
  });

  it('replaces the recovery codes for a code: the old ones stop working', async () => {
    const user = await registerUser(t);
    const { secret, recoveryCodes } = await enableTwoFactor(t, user);
    const res = await t
      .http()
      .post('/api/me/two-factor/recovery-codes')
      .set(user.auth)
      .send({ code: appCode(secret) });
    expect(res.status).toBe(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    expect(res.body.recoveryCodes).not.toContain(recoveryCodes[0]);
    expect((await secondStep({ challenge: await challengeOf(user), recoveryCode: recoveryCodes[0] })).status).toBe(401);
    const fresh = await secondStep({ challenge: await challengeOf(user), recoveryCode: res.body.recoveryCodes[0] });
    expect(fresh.status).toBe(200);
  });

  it('turns off only with the password and a code; sign-in is one step again', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTwoFactor(t, user);
    const noPassword = await t
      .http()
      .delete('/api/me/two-factor')
      .set(user.auth)
      .send({ password: 'wrong password here', code: appCode(secret) });
    expect(noPassword.status).toBe(400);
    const noCode = await t
      .http()
      .delete('/api/me/two-factor')
      .set(user.auth)
      .send({ password: PASSWORD, code: '000000' });
    expect(noCode.status).toBe(400);
    const off = await t
      .http()
      .delete('/api/me/two-factor')
      .set(user.auth)
      .send({ password: PASSWORD, code: appCode(secret) });
    expect(off.status).toBe(204);
    expect((await login(user.email)).body.accessToken).toEqual(expect.any(String));
    expect((await t.http().get('/api/me/two-factor').set(user.auth)).body).toMatchObject({
      enabled: false,
      pending: false,
      recoveryCodesLeft: 0,
    });
  });

  it('will not set up a second authenticator over one that is on', async () => {
    const user = await registerUser(t);
    await enableTwoFactor(t, user);
    const res = await t.http().post('/api/me/two-factor/setup').set(user.auth).send({ password: PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('two-factor-enabled');
  });

  describe('the workspace requirement', () => {
    afterEach(async () => {
      await t.db.query('DELETE FROM two_factor_requirements');
    });

    const requireFor = (by: TestUser, audiences: string[]) =>
      t.http().put('/api/admin/settings/two-factor').set(by.auth).send({ requireFor: audiences });

    it('is the admin’s to set and read', async () => {
      const member = await registerUser(t);
      expect((await requireFor(member, ['facilitators'])).status).toBe(403);
      expect((await requireFor(admin, ['admins', 'nobody'])).status).toBe(400);
      const set = await requireFor(admin, ['facilitators', 'facilitators']);
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ requireFor: ['facilitators'] });
      expect((await t.http().get('/api/admin/settings/two-factor').set(admin.auth)).body).toEqual({
        requireFor: ['facilitators'],
      });
    });

    it('lets a facilitator without it sign in, read themselves and enrol, and answers 403 two-factor-required to the rest', async () => {
      const facilitator = await registerUser(t);
      const member = await registerUser(t);
      const group = await createGroup(t, facilitator);
      await addMember(t, group.id, facilitator, member, 'member');
      expect((await requireFor(admin, ['facilitators'])).status).toBe(200);

      const signedIn = await login(facilitator.email);
      expect(signedIn.status).toBe(200);
      const auth = { Authorization: `Bearer ${signedIn.body.accessToken}` };
      const refused = await t.http().get('/api/groups').set(auth);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'two-factor-required' });
      expect((await t.http().get('/api/me').set(auth)).status).toBe(200);
      expect((await t.http().get('/api/me/sessions').set(auth)).status).toBe(200);
      expect((await t.http().get('/api/me/two-factor').set(auth)).body).toMatchObject({
        required: true,
        enabled: false,
      });
      const socket = openSocket(url, signedIn.body.accessToken);
      sockets.push(socket);
      const socketRefused = await refusal(socket);
      expect((socketRefused as Error & { data?: { code?: string } }).data?.code).toBe('two-factor-required');
      // A plain member of the same group is not concerned.
      expect((await t.http().get('/api/groups').set(member.auth)).status).toBe(200);

      await enableTwoFactor(t, { ...facilitator, auth });
      expect((await t.http().get('/api/groups').set(auth)).status).toBe(200);
    });

    it('holds the admin to it too once asked for admins, until the admin enrols', async () => {
      const other = await createTestApp({ TWO_FACTOR_ADDRESS_LIMIT: '10000' });
      try {
        const boss = await createAdmin(other);
        const put = await other
          .http()
          .put('/api/admin/settings/two-factor')
          .set(boss.auth)
          .send({ requireFor: ['admins'] });
        expect(put.status).toBe(200);
        const locked = await other.http().get('/api/admin/settings/two-factor').set(boss.auth);
        expect(locked.body.code).toBe('two-factor-required');
        await enableTwoFactor(other, boss);
        expect((await other.http().get('/api/admin/settings/two-factor').set(boss.auth)).status).toBe(200);
      } finally {
        await other.close();
      }
    });
  });

  it('limits second-step attempts per client address across accounts: 429 two-factor-rate-limited', async () => {
    const limited = await createTestApp({ TWO_FACTOR_ADDRESS_LIMIT: '3' });
    try {
      const [a, b] = [await registerUser(limited), await registerUser(limited)];
      await awayFromStepEdge();
      const { secret } = await enableTwoFactor(limited, b);
      await enableTwoFactor(limited, a);
      const challengeA = (await limited.http().post('/api/auth/login').send({ email: a.email, password: PASSWORD }))
        .body.challenge;
      for (let i = 0; i < 3; i += 1) {
        const res = await limited
          .http()
          .post('/api/auth/login/two-factor')
          .send({ challenge: challengeA, code: '000000' });
        expect(res.status).toBe(401);
      }
      const challengeB = (await limited.http().post('/api/auth/login').send({ email: b.email, password: PASSWORD }))
        .body.challenge;
      const res = await limited
        .http()
        .post('/api/auth/login/two-factor')
        .send({ challenge: challengeB, code: appCode(secret) });
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ statusCode: 429, code: 'two-factor-rate-limited' });
    } finally {
      await limited.close();
    }
  });
});
