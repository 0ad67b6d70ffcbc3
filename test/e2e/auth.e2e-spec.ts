import { createHmac } from 'node:crypto';
import { createTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { confirmEmail, PASSWORD, registerUser, uniqueEmail } from '../support/factories';

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function forge(header: object, payload: object, secret = TEST_JWT_SECRET): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('makes nobody workspace admin by registering, not even the first account of an empty database', async () => {
    const first = await t
      .http()
      .post('/api/auth/register')
      .send({ email: uniqueEmail(), password: PASSWORD, displayName: 'First' });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ status: 'verification-sent' });
    const second = await registerUser(t);
    const me = await t.http().get('/api/me').set(second.auth);
    expect(me.body.isAdmin).toBe(false);
    expect(me.body.emailVerified).toBe(true);
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('signs in an account with user and tokens only once its address is confirmed', async () => {
    const email = uniqueEmail('later');
    await t.http().post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'Later' }).expect(202);
    const before = await t.http().post('/api/auth/login').send({ email, password: PASSWORD });
    expect(before.status).toBe(401);
    await confirmEmail(t, email);
    const after = await t.http().post('/api/auth/login').send({ email, password: PASSWORD });
    expect(after.status).toBe(200);
    expect(Object.keys(after.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'user']);
  });

  it('logs in case-insensitively and answers user and tokens', async () => {
    const user = await registerUser(t);
    const res = await t.http().post('/api/auth/login').send({ email: user.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.id);
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(user.email);
  });

  it('answers 401 with the same message for a wrong password and an unknown email', async () => {
    const user = await registerUser(t);
    const wrong = await t.http().post('/api/auth/login').send({ email: user.email, password: 'not the password' });
    const unknown = await t.http().post('/api/auth/login').send({ email: uniqueEmail(), password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('answers 400 naming the field for malformed bodies and unknown fields', async () => {
    const short = await t
      .http()
      .post('/api/auth/register')
      .send({ email: uniqueEmail(), password: 'short', displayName: 'x' });
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual([
      { field: 'password', code: 'too-short', params: { min: 10 }, message: 'password must be at least 10 characters' },
    ]);

    const extra = await t
      .http()
      .post('/api/auth/register')
      .send({ email: uniqueEmail(), password: PASSWORD, displayName: 'x', isAdmin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.details).toContainEqual({
      field: 'isAdmin',
      code: 'unknown-field',
      message: 'property isAdmin should not exist',
    });

    const badEmail = await t.http().post('/api/auth/login').send({ email: 42, password: PASSWORD });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.details.map((d: { field: string }) => d.field)).toContain('email');

    const tooLong = await t
      .http()
      .post('/api/auth/register')
      .send({ email: uniqueEmail(), password: 'x'.repeat(257), displayName: 'x' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details[0].field).toBe('password');

    // null is a wrong type for a field that cannot be empty (found by the fuzzer: it reached a NOT NULL column).
    const user = await registerUser(t);
    const nullName = await t.http().patch('/api/me').set(user.auth).send({ displayName: null });
    expect(nullName.status).toBe(400);
    expect(new Set(nullName.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['displayName']));
    // …and accepted where it means something: withdrawing a request for an organization.
    expect((await t.http().patch('/api/me').set(user.auth).send({ requestedOrganizationId: null })).status).toBe(200);
  });

  it('answers 400 for malformed JSON and 413 for an oversized body, in the error shape', async () => {
    const malformed = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'malformed-json' });
    const huge = await t
      .http()
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ displayName: 'x'.repeat(400_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'payload-too-large' });
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await t.http().get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'not-found' });
  });

  it('rotates refresh tokens: the new one works, the old one no longer does', async () => {
    const user = await registerUser(t);
    const first = await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const next = await t.http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expect(next.status).toBe(200);
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${next.body.accessToken}`);
    expect(me.status).toBe(200);
  });

  it('revokes the whole family when a rotated refresh token is reused', async () => {
    const user = await registerUser(t);
    const rotated = await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(rotated.status).toBe(200);
    const reuse = await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(reuse.status).toBe(401);
    // The legitimate holder's newer token and the access token of that session are dead too.
    const newer = await t.http().post('/api/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
    expect(newer.status).toBe(401);
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${rotated.body.accessToken}`);
    expect(me.status).toBe(401);
  });

  it('logout revokes the session: its access and refresh tokens stop working at once', async () => {
    const user = await registerUser(t);
    const other = await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD });
    expect((await t.http().post('/api/auth/logout').set(user.auth)).status).toBe(204);
    expect((await t.http().get('/api/me').set(user.auth)).status).toBe(401);
    expect((await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken })).status).toBe(401);
    // Another device's session is untouched.
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${other.body.accessToken}`)).status).toBe(200);
  });

  it('a password change ends every other session and needs the current password', async () => {
    const user = await registerUser(t);
    const other = await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD });
    const denied = await t
      .http()
      .patch('/api/me')
      .set(user.auth)
      .send({ newPassword: 'a brand new password', currentPassword: 'wrong one!' });
    expect(denied.status).toBe(401);
    const changed = await t
      .http()
      .patch('/api/me')
      .set(user.auth)
      .send({ newPassword: 'a brand new password', currentPassword: PASSWORD });
    expect(changed.status).toBe(200);
    expect((await t.http().get('/api/me').set(user.auth)).status).toBe(200);
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${other.body.accessToken}`)).status).toBe(401);
    expect(
      (await t.http().post('/api/auth/login').send({ email: user.email, password: 'a brand new password' })).status,
    ).toBe(200);
  });

  describe('rejects access tokens that are', () => {
    let user: Awaited<ReturnType<typeof registerUser>>;
    let claims: Record<string, unknown>;
    beforeAll(async () => {
      user = await registerUser(t);
      claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1], 'base64url').toString());
    });
    const get = (token: string) => t.http().get('/api/me').set('Authorization', `Bearer ${token}`);

    it('valid (control: the forging helper makes tokens the server accepts)', async () => {
      expect((await get(forge({ alg: 'HS256', typ: 'JWT' }, claims))).status).toBe(200);
    });
    it('tampered', async () => {
      const [h, , s] = user.accessToken.split('.');
      expect((await get(`${h}.${b64({ ...claims, sub: '00000000-0000-0000-0000-000000000000' })}.${s}`)).status).toBe(
        401,
      );
    });
    it('alg none', async () => {
      expect((await get(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`)).status).toBe(401);
    });
    it('expired', async () => {
      const now = Math.floor(Date.now() / 1000);
      expect(
        (await get(forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 100, exp: now - 10 }))).status,
      ).toBe(401);
    });
    it('for another audience or issuer', async () => {
      expect((await get(forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'someone-else' }))).status).toBe(401);
      expect((await get(forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, iss: 'someone-else' }))).status).toBe(401);
    });
    it('signed with another algorithm or secret', async () => {
      expect((await get(forge({ alg: 'HS512', typ: 'JWT' }, claims))).status).toBe(401);
      expect(
        (await get(forge({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-another-secret-0123456789'))).status,
      ).toBe(401);
    });
    it('sent in the query string instead of the header', async () => {
      expect((await t.http().get(`/api/me?access_token=${user.accessToken}`)).status).toBe(401);
    });
  });
});

describe('auth throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 on login beyond the per-minute limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await t.http().post('/api/auth/login').send({ email: uniqueEmail(), password: PASSWORD })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // The throttler's refusal has a code too, and is said in the language asked for.
    const arabic = await t
      .http()
      .post('/api/auth/login')
      .set('Accept-Language', 'ar')
      .send({ email: uniqueEmail(), password: PASSWORD });
    expect(arabic.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'too-many-requests',
      message: 'طلبات كثيرة جدًا: انتظر قليلًا ثم أعد المحاولة',
    });
  });
});

describe('auth throttling without a configured proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('a local client cannot escape the limit by sending X-Forwarded-For (no proxy is trusted by default)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${10 + i}`)
        .send({ email: uniqueEmail(), password: PASSWORD });
      statuses.push(res.status);
    }
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});

describe('refresh token cookie (browsers)', () => {
  const APP = 'https://app.example';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: APP, TRUST_PROXY: '1' });
  });
  afterAll(() => t.close());

  const cookieOf = (res: { headers: Record<string, unknown> }): string | undefined =>
    ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('tansiq_refresh='));
  const valueOf = (cookie: string | undefined) => cookie?.split(';')[0].slice('tansiq_refresh='.length) ?? '';
  const browserLogin = async (origin = APP) => {
    const user = await registerUser(t);
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('Origin', origin)
      .send({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(200);
    return { user, res, cookie: cookieOf(res) };
  };

  it('login from a browser sets an HttpOnly, SameSite=Strict cookie on /api/auth and leaves the token out of the body', async () => {
    const { res, cookie } = await browserLogin();
    expect(cookie).toBeDefined();
    const attributes = cookie!.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api/auth']));
    expect(attributes).not.toContain('secure');
    expect(valueOf(cookie)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
    expect(JSON.stringify(res.body)).not.toContain(valueOf(cookie));
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const user = await registerUser(t);
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('Origin', APP)
      .set('X-Forwarded-Proto', 'https')
      .send({ email: user.email, password: PASSWORD });
    expect(cookieOf(res)!.toLowerCase()).toContain('; secure');
  });

  it('refreshes from the cookie alone, rotating it, for the app’s Origin and for the same origin', async () => {
    const { cookie } = await browserLogin();
    const first = await t
      .http()
      .post('/api/auth/refresh')
      .set('Origin', APP)
      .set('Cookie', `tansiq_refresh=${valueOf(cookie)}`)
      .send({});
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['accessToken', 'expiresIn']);
    const rotated = cookieOf(first);
    expect(valueOf(rotated)).not.toBe(valueOf(cookie));
    const url = await t.listen();
    const sameOrigin = await t
      .http()
      .post('/api/auth/refresh')
      .set('Origin', url)
      .set('Host', new URL(url).host)
      .set('Cookie', `other=1; tansiq_refresh=${valueOf(rotated)}`)
      .send({});
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses a refresh from another site (403) and a cookie without an Origin (403), rotating nothing', async () => {
    const { cookie, user } = await browserLogin();
    const foreign = await t
      .http()
      .post('/api/auth/refresh')
      .set('Origin', 'https://evil.example')
      .set('Cookie', `tansiq_refresh=${valueOf(cookie)}`)
      .send({});
    expect(foreign.status).toBe(403);
    const bare = await t
      .http()
      .post('/api/auth/refresh')
      .set('Cookie', `tansiq_refresh=${valueOf(cookie)}`)
      .send({});
    expect(bare.status).toBe(403);
    // Neither used the token: it still refreshes once.
    const ok = await t
      .http()
      .post('/api/auth/refresh')
      .set('Origin', APP)
      .set('Cookie', `tansiq_refresh=${valueOf(cookie)}`)
      .send({});
    expect(ok.status).toBe(200);
    expect(user.id).toBeDefined();
  });

  it('answers a refresh with neither cookie nor token 401, and clears a dead cookie', async () => {
    expect((await t.http().post('/api/auth/refresh').set('Origin', APP).send({})).status).toBe(401);
    const dead = await t
      .http()
      .post('/api/auth/refresh')
      .set('Origin', APP)
      .set('Cookie', 'tansiq_refresh=not-a-real-refresh-token-xxxxxxxxxxxx')
      .send({});
    expect(dead.status).toBe(401);
    expect(cookieOf(dead)).toMatch(/tansiq_refresh=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('logout clears the cookie, and the cleared session’s token no longer refreshes', async () => {
    const { cookie, res } = await browserLogin();
    const out = await t
      .http()
      .post('/api/auth/logout')
      .set('Origin', APP)
      .set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(out.status).toBe(204);
    expect(cookieOf(out)).toMatch(/tansiq_refresh=;.*Path=\/api\/auth/);
    const after = await t
      .http()
      .post('/api/auth/refresh')
      .set('Origin', APP)
      .set('Cookie', `tansiq_refresh=${valueOf(cookie)}`)
      .send({});
    expect(after.status).toBe(401);
  });

  it('clients that send no Origin (not browsers) still get and use the token in the body', async () => {
    const user = await registerUser(t);
    expect(user.refreshToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const res = await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });
});
