import { randomUUID } from 'node:crypto';
import type { ApiTokenDto, CreatedApiTokenDto } from '../../src/api-tokens/dto/api-token.dto';
import { createAdmin, createThread, registerUser, setupGroup, TestGroup, TestUser } from '../support/factories';
import { connect, TestSocket, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

describe('API tokens', () => {
  let t: TestApp;
  let url: string;
  let admin: TestUser;
  const sockets: TestSocket[] = [];
  const BUDGET = 5;

  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT: String(BUDGET) });
    url = await t.listen();
    admin = await createAdmin(t);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  async function createToken(g: TestGroup, access: 'read' | 'read-write') {
    const res = await t
      .http()
      .post(`/api/groups/${g.id}/api-tokens`)
      .set(g.facilitator.auth)
      .send({ name: `Dashboard ${access}`, access });
    expect(res.status).toBe(201);
    const body = res.body as CreatedApiTokenDto;
    return { ...body, auth: { Authorization: `Bearer ${body.token}` } };
  }

  it('shows the token once at creation, stores only its hash, and never lists it', async () => {
    const g = await setupGroup(t);
    const created = await createToken(g, 'read');
    expect(created.token).toMatch(/^tsq_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'Dashboard read', access: 'read', groupIds: [g.id], lastUsedAt: null });
    const [stored] = await t.db.query('SELECT token_hash FROM api_tokens WHERE id = $1', [created.id]);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(4));
    const list = await t.http().get(`/api/groups/${g.id}/api-tokens`).set(g.facilitator.auth);
    expect(list.status).toBe(200);
    expect(list.body.map((x: ApiTokenDto) => x.id)).toEqual([created.id]);
    expect(JSON.stringify(list.body)).not.toContain(created.token);
    expect(list.body[0]).not.toHaveProperty('token');
  });

  it('a read token reads the group, and every write it tries is refused 403', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const token = await createToken(g, 'read');
    expect((await t.http().get(`/api/groups/${g.id}`).set(token.auth)).status).toBe(200);
    expect((await t.http().get(`/api/threads/${thread.id}/messages`).set(token.auth)).status).toBe(200);
    const post = await t.http().post(`/api/threads/${thread.id}/messages`).set(token.auth).send({ body: 'no' });
    expect(post.status).toBe(403);
    // Even made a member by a facilitator, a read token stays read-only: its access caps the role.
    await t
      .http()
      .patch(`/api/groups/${g.id}/members/${token.serviceAccountId}`)
      .set(g.facilitator.auth)
      .send({ role: 'facilitator' })
      .expect(200);
    expect(
      (await t.http().post(`/api/threads/${thread.id}/messages`).set(token.auth).send({ body: 'no' })).status,
    ).toBe(403);
    expect((await t.http().post('/api/groups').set(token.auth).send({ name: 'Escape' })).status).toBe(403);
    const lastUsed = await t.db.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [token.id]);
    expect(lastUsed[0].last_used_at).not.toBeNull();
  });

  it('a read-write token posts a message and updates an action item, and the audit names the token', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const token = await createToken(g, 'read-write');
    const posted = await t.http().post(`/api/threads/${thread.id}/messages`).set(token.auth).send({ body: 'Synced' });
    expect(posted.status).toBe(201);
    expect(posted.body.message.author.id).toBe(token.serviceAccountId);
    const action = await t
      .http()
      .post(`/api/groups/${g.id}/actions`)
      .set(g.facilitator.auth)
      .send({ title: 'Import figures', focalPersonId: token.serviceAccountId });
    expect(action.status).toBe(201);
    const updated = await t
      .http()
      .patch(`/api/actions/${action.body.id}`)
      .set(token.auth)
      .send({ version: action.body.version, status: 'in-progress' });
    expect(updated.status).toBe(200);
    const history = await t.http().get(`/api/actions/${action.body.id}/history`).set(g.facilitator.auth);
    expect(history.body.find((c: { field: string }) => c.field === 'status')).toMatchObject({
      actor: { id: token.serviceAccountId },
      apiToken: { id: token.id, name: token.name },
    });
    // The service account leaving is a membership change made with the token: audited with it.
    await t.http().post(`/api/groups/${g.id}/leave`).set(token.auth).expect(204);
    const audit = await t.http().get(`/api/groups/${g.id}/audit`).set(g.facilitator.auth);
    const left = audit.body.items.find((e: { action: string }) => e.action === 'member.left');
    expect(left).toMatchObject({ actor: { id: token.serviceAccountId }, apiToken: { id: token.id, name: token.name } });
    const created = audit.body.items.find((e: { action: string }) => e.action === 'api-token.created');
    expect(created).toMatchObject({
      actor: { id: g.facilitator.id },
      apiToken: null,
      subject: { id: token.serviceAccountId },
    });
  });

  it('works on the socket; revoked, it gets 401 on REST and its socket is disconnected within a second', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const token = await createToken(g, 'read-write');
    const socket = await connect(url, token.token);
    sockets.push(socket);
    const sent = await socket.emitWithAck('message.send', {
      threadId: thread.id,
      body: 'live',
      clientId: randomUUID(),
    });
    expect(sent.ok).toBe(true);
    const revoked = await t.http().delete(`/api/api-tokens/${token.id}`).set(g.facilitator.auth);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const at = Date.now();
    await waitFor(() => !socket.connected, 1000, 'the revoked token’s socket to close');
    expect(Date.now() - at).toBeLessThan(1000);
    expect((await t.http().get(`/api/groups/${g.id}`).set(token.auth)).status).toBe(401);
    const again = await t.http().delete(`/api/api-tokens/${token.id}`).set(g.facilitator.auth);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    // Revoking a revoked token changes nothing: one audit entry, not one per call.
    const audit = await t.http().get(`/api/groups/${g.id}/audit`).set(g.facilitator.auth);
    const entries = audit.body.items.filter((e: { action: string }) => e.action === 'api-token.revoked');
    expect(entries).toHaveLength(1);
    await expect(connect(url, token.token)).rejects.toThrow(/API token is invalid or revoked/);
  });

  it('a token that logs out is ended, and listed as revoked', async () => {
    const g = await setupGroup(t);
    const token = await createToken(g, 'read');
    await t.http().post('/api/auth/logout').set(token.auth).expect(204);
    expect((await t.http().get(`/api/groups/${g.id}`).set(token.auth)).status).toBe(401);
    const list = await t.http().get(`/api/groups/${g.id}/api-tokens`).set(g.facilitator.auth);
    expect(list.body[0]).toMatchObject({ id: token.id, revokedAt: expect.any(String) });
  });

  it('cannot see a group it is not scoped to: the same 404 as for any non-member', async () => {
    const g = await setupGroup(t);
    const other = await setupGroup(t);
    const token = await createToken(g, 'read');
    const hidden = await t.http().get(`/api/groups/${other.id}`).set(token.auth);
    const missing = await t.http().get(`/api/groups/${randomUUID()}`).set(token.auth);
    expect(hidden.status).toBe(404);
    expect(hidden.text).toEqual(missing.text);
    // Scoping to a group the creator does not facilitate is refused as that group is hidden from them.
    const refused = await t
      .http()
      .post(`/api/groups/${g.id}/api-tokens`)
      .set(g.facilitator.auth)
      .send({ name: 'Too wide', access: 'read', groupIds: [other.id] });
    expect(refused.status).toBe(404);
  });

  it('the workspace admin scopes a token to several groups; each lists it', async () => {
    const g = await setupGroup(t);
    const other = await setupGroup(t);
    const res = await t
      .http()
      .post(`/api/groups/${g.id}/api-tokens`)
      .set(admin.auth)
      .send({ name: 'Reporting', access: 'read', groupIds: [other.id] });
    expect(res.status).toBe(201);
    expect(res.body.groupIds).toEqual([g.id, other.id].sort());
    const listed = await t.http().get(`/api/groups/${other.id}/api-tokens`).set(other.facilitator.auth);
    // The other group's facilitator sees only the groups they may see.
    expect(listed.body.map((x: ApiTokenDto) => [x.id, x.groupIds])).toEqual([[res.body.id, [other.id]]]);
    const auth = { Authorization: `Bearer ${res.body.token}` };
    expect((await t.http().get(`/api/groups/${other.id}`).set(auth)).status).toBe(200);
  });

  it('is held to the same write rate limit as a person', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const token = await createToken(g, 'read-write');
    const statuses: number[] = [];
    for (let i = 0; i < BUDGET + 2; i += 1) {
      statuses.push(
        (
          await t
            .http()
            .post(`/api/threads/${thread.id}/messages`)
            .set(token.auth)
            .send({ body: `n${i}` })
        ).status,
      );
    }
    expect(statuses).toEqual([...Array<number>(BUDGET).fill(201), 429, 429]);
  });

  it('its service account cannot sign in with a password, and gets no email', async () => {
    const g = await setupGroup(t);
    const token = await createToken(g, 'read-write');
    const [account] = await t.db.query('SELECT email, kind, digest FROM users WHERE id = $1', [token.serviceAccountId]);
    expect(account).toMatchObject({ kind: 'service', digest: 'off' });
    expect(account.email).toMatch(/@tansiq\.invalid$/);
    for (const password of ['', '!service-account', 'correct horse battery']) {
      const login = await t.http().post('/api/auth/login').send({ email: account.email, password });
      expect([400, 401]).toContain(login.status);
    }
    expect((await t.http().patch('/api/me').set(token.auth).send({ locale: 'ar' })).status).toBe(403);
    const thread = await createThread(t, g.id, g.member);
    await t
      .http()
      .post(`/api/threads/${thread.id}/messages`)
      .set(g.member.auth)
      .send({ body: `Ping <@${token.serviceAccountId}>` })
      .expect(201);
    // Notified in the app like anyone (stored after the post commits)…
    let types: string[] = [];
    const poll = async () => {
      const notices = await t.http().get('/api/notifications').set(token.auth);
      types = notices.body.items.map((n: { type: string }) => n.type);
      return types.includes('message.mentioned');
    };
    for (let i = 0; i < 100 && !(await poll()); i += 1) await new Promise((r) => setTimeout(r, 30));
    expect(types).toEqual(expect.arrayContaining(['message.mentioned', 'member.added']));
    // …but never by email, though a mention and an added membership email a person at once.
    const mail = await t.db.query('SELECT count(*)::int AS n FROM outgoing_emails WHERE user_id = $1', [
      token.serviceAccountId,
    ]);
    expect(mail[0].n).toBe(0);
  });

  it('only facilitators and the admin create, list and revoke tokens', async () => {
    const g = await setupGroup(t);
    const token = await createToken(g, 'read-write');
    for (const user of [g.member, g.observer]) {
      expect((await t.http().get(`/api/groups/${g.id}/api-tokens`).set(user.auth)).status).toBe(403);
      expect((await t.http().delete(`/api/api-tokens/${token.id}`).set(user.auth)).status).toBe(403);
    }
    // A token cannot mint tokens, even a read-write one.
    const minted = await t
      .http()
      .post(`/api/groups/${g.id}/api-tokens`)
      .set(token.auth)
      .send({ name: 'Child', access: 'read' });
    expect(minted.status).toBe(403);
    const outsider = await registerUser(t);
    const hidden = await t.http().delete(`/api/api-tokens/${token.id}`).set(outsider.auth);
    const missing = await t.http().delete(`/api/api-tokens/${randomUUID()}`).set(outsider.auth);
    expect(hidden.status).toBe(404);
    expect(hidden.text).toEqual(missing.text);
    expect((await t.http().delete(`/api/api-tokens/${token.id}`).set(admin.auth)).status).toBe(200);
  });
});
