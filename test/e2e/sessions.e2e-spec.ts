import {
  createAdmin,
  createThread,
  PASSWORD,
  postMessage,
  registerUser,
  setupGroup,
  TestUser,
} from '../support/factories';
import { connect, TestSocket, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1';

/** An account's own sessions, and the workspace admin's deactivation, over the real app and real sockets. */
describe('sessions and deactivation', () => {
  let t: TestApp;
  let url: string;
  let admin: TestUser;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.listen();
    admin = await createAdmin(t);
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t.close();
  });

  /** Signs in from a named device; answers the bearer header and the access token. */
  async function signIn(email: string, userAgent: string) {
    const res = await t.http().post('/api/auth/login').set('User-Agent', userAgent).send({ email, password: PASSWORD });
    expect(res.status).toBe(200);
    return { auth: { Authorization: `Bearer ${res.body.accessToken}` }, accessToken: res.body.accessToken as string };
  }

  async function socketOf(accessToken: string): Promise<TestSocket> {
    const socket = await connect(url, accessToken);
    sockets.push(socket);
    return socket;
  }

  it('lists the live sessions with device, address and last seen, marking the current one', async () => {
    const user = await registerUser(t);
    const laptop = await signIn(user.email, FIREFOX);
    await signIn(user.email, PHONE);
    const res = await t.http().get('/api/me/sessions').set(laptop.auth);
    expect(res.status).toBe(200);
    // Registering signed in too: three sessions.
    expect(res.body).toHaveLength(3);
    const current = res.body.filter((s: { current: boolean }) => s.current);
    expect(current).toEqual([
      {
        id: expect.any(String),
        device: FIREFOX,
        ipAddress: expect.stringMatching(/127\.0\.0\.1/),
        createdAt: expect.any(String),
        lastSeenAt: expect.any(String),
        current: true,
      },
    ]);
    expect(res.body.map((s: { device: string | null }) => s.device)).toContain(PHONE);
  });

  it('leaves out ended sessions and those whose refresh tokens all expired', async () => {
    const user = await registerUser(t);
    const other = await signIn(user.email, PHONE);
    await t.http().post('/api/auth/logout').set(other.auth).expect(204);
    const stale = await signIn(user.email, 'Stale/1.0');
    await t.db.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second'
        WHERE session_id IN (SELECT id FROM sessions WHERE user_agent = 'Stale/1.0' AND user_id = $1)`,
      [user.id],
    );
    expect(stale.accessToken).toEqual(expect.any(String));
    const res = await t.http().get('/api/me/sessions').set(user.auth);
    expect(res.body.map((s: { device: string | null }) => s.device)).not.toContain(PHONE);
    expect(res.body.map((s: { device: string | null }) => s.device)).not.toContain('Stale/1.0');
  });

  it('ends another of one’s sessions: its token stops working and its socket is cut at once', async () => {
    const user = await registerUser(t);
    const laptop = await signIn(user.email, FIREFOX);
    const phone = await signIn(user.email, PHONE);
    const phoneSocket = await socketOf(phone.accessToken);
    const laptopSocket = await socketOf(laptop.accessToken);
    const list = await t.http().get('/api/me/sessions').set(laptop.auth);
    const phoneSession = list.body.find((s: { device: string }) => s.device === PHONE);

    const started = Date.now();
    const end = await t.http().delete(`/api/me/sessions/${phoneSession.id}`).set(laptop.auth);
    expect(end.status).toBe(204);
    await waitFor(() => !phoneSocket.connected, 1000, 'the ended session’s socket to close');
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await t.http().get('/api/me').set(phone.auth)).status).toBe(401);
    expect(laptopSocket.connected).toBe(true);
    expect((await t.http().get('/api/me').set(laptop.auth)).status).toBe(200);
  });

  it('answers 404 for another account’s session, an ended one and an unknown one', async () => {
    const user = await registerUser(t);
    const stranger = await registerUser(t);
    const [theirs] = (await t.http().get('/api/me/sessions').set(stranger.auth)).body;
    expect((await t.http().delete(`/api/me/sessions/${theirs.id}`).set(user.auth)).status).toBe(404);
    expect((await t.http().get('/api/me').set(stranger.auth)).status).toBe(200);
    const mine = await signIn(user.email, PHONE);
    const [session] = (await t.http().get('/api/me/sessions').set(mine.auth)).body.filter(
      (s: { current: boolean }) => s.current,
    );
    expect((await t.http().delete(`/api/me/sessions/${session.id}`).set(user.auth)).status).toBe(204);
    expect((await t.http().delete(`/api/me/sessions/${session.id}`).set(user.auth)).status).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.http().delete(`/api/me/sessions/${unknown}`).set(user.auth)).status).toBe(404);
  });

  it('writes last seen at most once a minute per session', async () => {
    const user = await registerUser(t);
    const device = await signIn(user.email, FIREFOX);
    const lastSeen = async (): Promise<number> => {
      const [row]: { last_seen_at: Date }[] = await t.db.query(
        `SELECT last_seen_at FROM sessions WHERE user_id = $1 AND user_agent = $2`,
        [user.id, FIREFOX],
      );
      return new Date(row.last_seen_at).getTime();
    };
    // A request within the minute after sign-in writes nothing.
    const atSignIn = await lastSeen();
    await t.http().get('/api/me').set(device.auth).expect(200);
    expect(await lastSeen()).toBe(atSignIn);
    // One older than a minute is brought up to date by the next request, once.
    await t.db.query(
      `UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE user_id = $1 AND user_agent = $2`,
      [user.id, FIREFOX],
    );
    const before = await lastSeen();
    await t.http().get('/api/me').set(device.auth).expect(200);
    let touched = before;
    await waitFor(
      () => {
        void lastSeen().then((at) => (touched = at));
        return touched > before + 60_000;
      },
      3000,
      'last seen to be written',
    );
    await Promise.all([1, 2, 3].map(() => t.http().get('/api/me').set(device.auth).expect(200)));
    expect(await lastSeen()).toBe(touched);
  });

  describe('deactivation', () => {
    it('cuts all the account’s sockets in under a second and refuses its tokens', async () => {
      const user = await registerUser(t);
      const laptop = await signIn(user.email, FIREFOX);
      const phone = await signIn(user.email, PHONE);
      const laptopSocket = await socketOf(laptop.accessToken);
      const phoneSocket = await socketOf(phone.accessToken);
      const disconnectedAt: number[] = [];
      for (const socket of [laptopSocket, phoneSocket]) socket.on('disconnect', () => disconnectedAt.push(Date.now()));

      const started = Date.now();
      const res = await t.http().post(`/api/admin/users/${user.id}/deactivate`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: user.id, active: false, deactivatedAt: expect.any(String) });
      await waitFor(() => disconnectedAt.length === 2, 1000, 'both sockets to be cut');
      expect(Math.max(...disconnectedAt) - started).toBeLessThan(1000);

      expect((await t.http().get('/api/me').set(laptop.auth)).status).toBe(401);
      expect((await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken })).status).toBe(401);
    });

    it('refuses sign-in: 403 account-deactivated for the right password only, 401 for a wrong one', async () => {
      const user = await registerUser(t);
      await t.http().post(`/api/admin/users/${user.id}/deactivate`).set(admin.auth).expect(200);
      const right = await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD });
      expect(right.status).toBe(403);
      expect(right.body).toMatchObject({ code: 'account-deactivated' });
      expect(right.body.accessToken).toBeUndefined();
      const wrong = await t.http().post('/api/auth/login').send({ email: user.email, password: 'not the password' });
      expect(wrong.status).toBe(401);
      // The same answer as any wrong password: nothing says the account is deactivated.
      expect(wrong.body).toMatchObject({ code: 'credentials-wrong', message: 'Email or password is wrong' });
    });

    it('keeps what the account wrote, and reactivation lets it sign in again', async () => {
      const group = await setupGroup(t);
      const thread = await createThread(t, group.id, group.member);
      await postMessage(t, thread.id, group.member, 'written before deactivation');
      await t.http().post(`/api/admin/users/${group.member.id}/deactivate`).set(admin.auth).expect(200);
      const messages = await t.http().get(`/api/threads/${thread.id}/messages`).set(group.facilitator.auth);
      expect(messages.status).toBe(200);
      expect(JSON.stringify(messages.body)).toContain('written before deactivation');

      const back = await t.http().post(`/api/admin/users/${group.member.id}/reactivate`).set(admin.auth);
      expect(back.body).toEqual({ id: group.member.id, active: true, deactivatedAt: null });
      expect(
        (await t.http().post('/api/auth/login').send({ email: group.member.email, password: PASSWORD })).status,
      ).toBe(200);
    });

    it('stops an API token whose service account is deactivated', async () => {
      const group = await setupGroup(t);
      const created = await t
        .http()
        .post(`/api/groups/${group.id}/api-tokens`)
        .set(group.facilitator.auth)
        .send({ name: 'Integration', access: 'read' });
      const bearer = { Authorization: `Bearer ${created.body.token}` };
      expect((await t.http().get(`/api/groups/${group.id}`).set(bearer)).status).toBe(200);
      await t.http().post(`/api/admin/users/${created.body.serviceAccountId}/deactivate`).set(admin.auth).expect(200);
      expect((await t.http().get(`/api/groups/${group.id}`).set(bearer)).status).toBe(401);
    });

    it('is the admin’s alone, never of oneself, and 404 for nobody', async () => {
      const user = await registerUser(t);
      const other = await registerUser(t);
      expect((await t.http().post(`/api/admin/users/${other.id}/deactivate`).set(user.auth)).status).toBe(403);
      const self = await t.http().post(`/api/admin/users/${admin.id}/deactivate`).set(admin.auth);
      expect(self.status).toBe(409);
      expect(self.body.code).toBe('cannot-deactivate-self');
      const nobody = '00000000-0000-4000-8000-000000000000';
      expect((await t.http().post(`/api/admin/users/${nobody}/deactivate`).set(admin.auth)).status).toBe(404);
      expect((await t.http().post(`/api/admin/users/${nobody}/reactivate`).set(admin.auth)).status).toBe(404);
      expect((await t.http().get('/api/me').set(other.auth)).status).toBe(200);
    });
  });
});
