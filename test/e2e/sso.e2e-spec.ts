import { randomBytes } from 'node:crypto';
import { calculatePKCECodeChallenge, randomPKCECodeVerifier, randomState } from 'openid-client';
import { createAdmin, createOrganization, PASSWORD, registerUser, TestUser, affiliate } from '../support/factories';
import {
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OidcAccount,
  OidcTestProvider,
  OTHER_CLIENT_ID,
} from '../support/oidc-provider';
import { createTestApp, TestApp } from '../support/test-app';

const PUBLIC_URL = 'http://tansiq.test';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/sso/callback`;
const DOMAIN = 'iom.example';

function person(overrides: Partial<OidcAccount> = {}): OidcAccount {
  const id = randomBytes(4).toString('hex');
  return {
    sub: `sub-${id}`,
    email: `person.${id}@${DOMAIN}`,
    email_verified: true,
    name: `Person ${id}`,
    ...overrides,
  };
}

/** One browser: the cookie single sign-on binds a sign-in to, and what the app redirected it to. */
interface Started {
  authorizationUrl: URL;
  cookie: string;
}

describe('single sign-on with OpenID Connect', () => {
  let t: TestApp;
  let idp: OidcTestProvider;
  /** Another provider, where Tansiq's client is registered too: its answers must not pass for the real one's. */
  let rogue: OidcTestProvider;
  let admin: TestUser;
  let organization: { id: string; name: string };

  const sessionCount = async (): Promise<number> =>
    Number((await t.db.query('SELECT count(*)::int AS n FROM sessions'))[0].n);

  async function configure(changes: Record<string, unknown> = {}, organizationId = organization.id) {
    const res = await t
      .http()
      .put(`/api/organizations/${organizationId}/identity-provider`)
      .set(admin.auth)
      .send({
        issuer: idp.issuer,
        clientId: OIDC_CLIENT_ID,
        clientSecret: OIDC_CLIENT_SECRET,
        allowedDomains: [DOMAIN],
        enabled: true,
        ...changes,
      });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function start(organizationId = organization.id, cookie?: string): Promise<Started> {
    const req = t.http().get(`/api/auth/sso/${organizationId}/start`);
    if (cookie) req.set('Cookie', cookie);
    const res = await req;
    expect(res.status).toBe(302);
    const set = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('tansiq_sso='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\/api\/auth\/sso/);
    return { authorizationUrl: new URL(res.headers.location), cookie: set.split(';')[0] };
  }

  async function callback(url: URL, cookie: string | undefined) {
    const req = t.http().get(`/api/auth/sso/callback${url.search}`);
    if (cookie) req.set('Cookie', cookie);
    const res = await req;
    expect(res.status).toBe(302);
    return res;
  }

  /** A whole sign-in as `account`: start, the provider's login, the callback; answers the callback's response. */
  async function signIn(account: OidcAccount, organizationId = organization.id) {
    idp.loginAs(account);
    const started = await start(organizationId);
    return callback(await idp.authorize(started.authorizationUrl), started.cookie);
  }

  /** The session the callback's refresh cookie holds, as the client gets it: refresh, then /api/me. */
  async function sessionOf(res: Awaited<ReturnType<typeof callback>>) {
    expect(res.headers.location).toBe(`${PUBLIC_URL}/?sso=signed-in`);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('tansiq_refresh='))!;
    expect(cookie).toMatch(/HttpOnly/);
    const refreshToken = cookie.split(';')[0].slice('tansiq_refresh='.length);
    const refreshed = await t.http().post('/api/auth/refresh').send({ refreshToken });
    expect(refreshed.status).toBe(200);
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`);
    expect(me.status).toBe(200);
    return me.body as { id: string; email: string; emailVerified: boolean; organization: { id: string } | null };
  }

  /** Refused: back to the sign-in screen with the code, no refresh cookie, no session started. */
  async function expectRefused(send: () => Promise<Awaited<ReturnType<typeof callback>>>, code: string) {
    const before = await sessionCount();
    const res = await send();
    expect(res.headers.location).toBe(`${PUBLIC_URL}/login?sso-error=${code}`);
    const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    expect(cookies.filter((c) => c.startsWith('tansiq_refresh='))).toEqual([]);
    expect(await sessionCount()).toBe(before);
  }

  beforeAll(async () => {
    idp = await OidcTestProvider.start(REDIRECT_URI);
    rogue = await OidcTestProvider.start(REDIRECT_URI);
    t = await createTestApp({ PUBLIC_URL, SSO_ALLOW_HTTP: 'true' });
    admin = await createAdmin(t);
    organization = await createOrganization(t, admin, `IOM ${randomBytes(3).toString('hex')}`);
    await configure();
  });
  afterAll(async () => {
    await t?.close();
    await idp?.stop();
    await rogue?.stop();
  });

  describe('the workspace admin configures a provider', () => {
    it('never answers the client secret, only whether there is one', async () => {
      const res = await t.http().get(`/api/organizations/${organization.id}/identity-provider`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        organizationId: organization.id,
        issuer: idp.issuer,
        clientId: OIDC_CLIENT_ID,
        hasSecret: true,
        allowedDomains: [DOMAIN],
        enabled: true,
        redirectUri: REDIRECT_URI,
        updatedAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain(OIDC_CLIENT_SECRET);
      const [row] = await t.db.query('SELECT client_secret_sealed FROM identity_providers WHERE organization_id = $1', [
        organization.id,
      ]);
      expect(row.client_secret_sealed).not.toContain(OIDC_CLIENT_SECRET);
    });

    it('keeps the stored secret when a change leaves it out, and lower-cases the domains', async () => {
      const other = await createOrganization(t, admin);
      await configure({}, other.id);
      const { clientSecret: _left, ...rest } = { clientSecret: 1, issuer: idp.issuer, clientId: OIDC_CLIENT_ID };
      const res = await t
        .http()
        .put(`/api/organizations/${other.id}/identity-provider`)
        .set(admin.auth)
        .send({ ...rest, allowedDomains: ['@UN.Example'], enabled: false });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ hasSecret: true, allowedDomains: ['un.example'], enabled: false });
      const removed = await t.http().delete(`/api/organizations/${other.id}/identity-provider`).set(admin.auth);
      expect(removed.status).toBe(204);
      const gone = await t.http().get(`/api/organizations/${other.id}/identity-provider`).set(admin.auth);
      expect(gone.status).toBe(404);
    });

    it('refuses a malformed issuer or domain, and an unknown organization', async () => {
      const bad = await t
        .http()
        .put(`/api/organizations/${organization.id}/identity-provider`)
        .set(admin.auth)
        .send({ issuer: 'not a url', clientId: 'x', allowedDomains: ['not a domain'] });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['allowedDomains', 'issuer']);
      const unknown = await t
        .http()
        .put(`/api/organizations/00000000-0000-4000-8000-000000000000/identity-provider`)
        .set(admin.auth)
        .send({ issuer: idp.issuer, clientId: 'x', allowedDomains: [DOMAIN] });
      expect(unknown.status).toBe(404);
    });

    it('offers the enabled providers to the sign-in screen, without signing in', async () => {
      const res = await t.http().get('/api/auth/sso/providers');
      expect(res.status).toBe(200);
      expect(res.body).toContainEqual({ organizationId: organization.id, organizationName: organization.name });
    });
  });

  describe('signing in', () => {
    it('sends the browser to the provider with a code request, PKCE (S256), state and nonce', async () => {
      const { authorizationUrl } = await start();
      expect(authorizationUrl.origin).toBe(idp.issuer);
      const params = Object.fromEntries(authorizationUrl.searchParams);
      expect(params).toMatchObject({
        response_type: 'code',
        client_id: OIDC_CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        code_challenge_method: 'S256',
        scope: 'openid email profile',
      });
      for (const key of ['state', 'nonce', 'code_challenge']) expect(params[key]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('creates the account on the first sign-in: verified, affiliated, without a usable password', async () => {
      const account = person();
      const me = await sessionOf(await signIn(account));
      expect(me).toMatchObject({ email: account.email, emailVerified: true, organization: { id: organization.id } });
      const login = await t.http().post('/api/auth/login').send({ email: account.email, password: PASSWORD });
      expect(login.status).toBe(401);
      const [identity] = await t.db.query('SELECT issuer, subject FROM external_identities WHERE user_id = $1', [
        me.id,
      ]);
      expect(identity).toEqual({ issuer: idp.issuer, subject: account.sub });
    });

    it('finds the account by its subject on a later sign-in, even after the provider changed the address', async () => {
      const account = person();
      const first = await sessionOf(await signIn(account));
      const renamed = { ...account, email: `renamed.${randomBytes(3).toString('hex')}@${DOMAIN}` };
      const second = await sessionOf(await signIn(renamed));
      expect(second.id).toBe(first.id);
      expect(second.email).toBe(account.email);
    });

    it('links an existing password account with that address: signed in, verified, affiliated, password kept', async () => {
      const email = `existing.${randomBytes(3).toString('hex')}@${DOMAIN}`;
      const user = await registerUser(t, { email });
      const me = await sessionOf(await signIn(person({ email: email.toUpperCase() })));
      expect(me).toMatchObject({ id: user.id, emailVerified: true, organization: { id: organization.id } });
      const login = await t.http().post('/api/auth/login').send({ email, password: PASSWORD });
      expect(login.status).toBe(200);
    });

    it('never moves an account of another organization into the provider’s', async () => {
      const email = `elsewhere.${randomBytes(3).toString('hex')}@${DOMAIN}`;
      const user = await registerUser(t, { email });
      const elsewhere = await createOrganization(t, admin);
      await affiliate(t, admin, user, elsewhere.id);
      const me = await sessionOf(await signIn(person({ email })));
      expect(me).toMatchObject({ id: user.id, organization: { id: elsewhere.id } });
    });

    it('refuses an address whose account another subject of the same provider signed in to', async () => {
      const account = person();
      await sessionOf(await signIn(account));
      await expectRefused(() => signIn(person({ email: account.email })), 'sso-account-unavailable');
    });
  });

  describe('refuses a bad callback, with an error code and no session', () => {
    it('without a state', async () => {
      idp.loginAs(person());
      const started = await start();
      const url = await idp.authorize(started.authorizationUrl);
      url.searchParams.delete('state');
      await expectRefused(() => callback(url, started.cookie), 'sso-state-invalid');
    });

    it('with a state this server never issued', async () => {
      idp.loginAs(person());
      const started = await start();
      const url = await idp.authorize(started.authorizationUrl);
      url.searchParams.set('state', randomState());
      await expectRefused(() => callback(url, started.cookie), 'sso-state-invalid');
    });

    it('with a state already spent (the same callback replayed)', async () => {
      idp.loginAs(person());
      const started = await start();
      const url = await idp.authorize(started.authorizationUrl);
      await sessionOf(await callback(url, started.cookie));
      await expectRefused(() => callback(url, started.cookie), 'sso-state-invalid');
    });

    it('in another browser than the one that started the sign-in', async () => {
      idp.loginAs(person());
      const started = await start();
      const url = await idp.authorize(started.authorizationUrl);
      const elsewhere = await start(); // another browser, with a cookie of its own
      await expectRefused(() => callback(url, elsewhere.cookie), 'sso-state-invalid');
    });

    it('with an ID token carrying another nonce', async () => {
      idp.loginAs(person());
      const started = await start();
      started.authorizationUrl.searchParams.set('nonce', randomState());
      await expectRefused(
        async () => callback(await idp.authorize(started.authorizationUrl), started.cookie),
        'sso-response-invalid',
      );
    });

    it('with an answer from another issuer', async () => {
      rogue.loginAs(person());
      const started = await start();
      const atRogue = new URL(started.authorizationUrl.pathname + started.authorizationUrl.search, rogue.issuer);
      const url = await rogue.authorize(atRogue);
      expect(url.searchParams.get('iss')).toBe(rogue.issuer);
      await expectRefused(() => callback(url, started.cookie), 'sso-response-invalid');
    });

    it('with a code issued to another client (audience)', async () => {
      idp.loginAs(person());
      const started = await start();
      started.authorizationUrl.searchParams.set('client_id', OTHER_CLIENT_ID);
      await expectRefused(
        async () => callback(await idp.authorize(started.authorizationUrl), started.cookie),
        'sso-response-invalid',
      );
    });

    it('with a code bound to another PKCE challenge than the verifier kept here', async () => {
      idp.loginAs(person());
      const started = await start();
      const challenge = await calculatePKCECodeChallenge(randomPKCECodeVerifier());
      started.authorizationUrl.searchParams.set('code_challenge', challenge);
      await expectRefused(
        async () => callback(await idp.authorize(started.authorizationUrl), started.cookie),
        'sso-response-invalid',
      );
    });

    it('with a tampered code', async () => {
      idp.loginAs(person());
      const started = await start();
      const url = await idp.authorize(started.authorizationUrl);
      url.searchParams.set('code', `${url.searchParams.get('code')}x`);
      await expectRefused(() => callback(url, started.cookie), 'sso-response-invalid');
    });

    it('with an address the provider does not vouch for (email_verified false)', async () => {
      const account = person({ email_verified: false });
      await expectRefused(() => signIn(account), 'sso-email-unverified');
      expect(await t.db.query('SELECT id FROM users WHERE email = $1', [account.email])).toEqual([]);
    });

    it('with an address on a domain the admin did not allow', async () => {
      await expectRefused(() => signIn(person({ email: `someone@elsewhere.example` })), 'sso-domain-not-allowed');
    });

    it('when the admin disabled the provider during the sign-in', async () => {
      idp.loginAs(person());
      const started = await start();
      const url = await idp.authorize(started.authorizationUrl);
      await configure({ enabled: false });
      try {
        await expectRefused(() => callback(url, started.cookie), 'sso-unavailable');
        const offered = await t.http().get('/api/auth/sso/providers');
        expect(offered.body.map((p: { organizationId: string }) => p.organizationId)).not.toContain(organization.id);
        const again = await t.http().get(`/api/auth/sso/${organization.id}/start`);
        expect(again.headers.location).toBe(`${PUBLIC_URL}/login?sso-error=sso-unavailable`);
      } finally {
        await configure();
      }
    });

    it('when the provider answers with an error (the person cancelled)', async () => {
      idp.denyNext('access_denied');
      const started = await start();
      const url = await idp.authorize(started.authorizationUrl);
      expect(url.searchParams.get('error')).toBe('access_denied');
      await expectRefused(() => callback(url, started.cookie), 'sso-denied');
    });

    it('when the provider answered after the sign-in expired', async () => {
      idp.loginAs(person());
      const started = await start();
      const url = await idp.authorize(started.authorizationUrl);
      await t.db.query(`UPDATE sso_logins SET created_at = now() - interval '11 minutes'`);
      await expectRefused(() => callback(url, started.cookie), 'sso-expired');
    });

    it('for an organization without a provider, or an id that is none', async () => {
      const res = await t.http().get('/api/auth/sso/00000000-0000-4000-8000-000000000000/start');
      expect(res.headers.location).toBe(`${PUBLIC_URL}/login?sso-error=sso-unavailable`);
      const junk = await t.http().get('/api/auth/sso/not-an-id/start');
      expect(junk.headers.location).toBe(`${PUBLIC_URL}/login?sso-error=sso-unavailable`);
    });
  });
});
