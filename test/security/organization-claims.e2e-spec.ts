import { createTestApp, TestApp } from '../support/test-app';
import {
  createAdmin,
  affiliate,
  createOrganization,
  createThread,
  PASSWORD,
  registerUser,
  setupGroup,
  TestUser,
} from '../support/factories';

/** Audit issue #13, item 2: anyone could name themselves into the Ministry (PATCH /api/me, registration) and act and count for it. */
describe('self-declared organization', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t);
  });
  afterAll(() => t.close());

  let ministry: { id: string; name: string };
  let ngo: { id: string; name: string };
  beforeAll(async () => {
    ministry = await createOrganization(t, admin, 'The Ministry');
    ngo = await createOrganization(t, admin, 'An NGO');
  });

  /** A group with an action item led by the Ministry and an open recommendation. */
  const scene = async (member: TestUser) => {
    const g = await setupGroup(t, { member });
    const item = await t
      .http()
      .post(`/api/groups/${g.id}/actions`)
      .set(g.facilitator.auth)
      .send({ title: 'Ministry follow-up', leadOrganizationId: ministry.id })
      .expect(201);
    const rec = await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'A recommendation',
      proposal: 'Do it.',
    });
    return { g, item: item.body as { id: string; version: number }, rec };
  };
  const moveStatus = (user: TestUser, item: { id: string; version: number }) =>
    t.http().patch(`/api/actions/${item.id}`).set(user.auth).send({ version: item.version, status: 'in-progress' });
  const tallyOf = async (user: TestUser, threadId: string) =>
    (await t.http().get(`/api/threads/${threadId}/positions`).set(user.auth)).body as {
      positions: { user: { id: string }; organization: { id: string } | null }[];
      byOrganization: { organization: { id: string } | null; counts: Record<string, number> }[];
    };

  it('PATCH /api/me does not make anyone the Ministry: no lead-organization rights, no Ministry tally', async () => {
    const claimant = await registerUser(t);
    const claim = await t.http().patch('/api/me').set(claimant.auth).send({ organizationId: ministry.id });
    expect(claim.status).toBe(400);
    expect((await t.http().get('/api/me').set(claimant.auth)).body.organization).toBeNull();

    const { item, rec } = await scene(claimant);
    expect((await moveStatus(claimant, item)).status).toBe(403);
    await t.http().put(`/api/threads/${rec.id}/positions`).set(claimant.auth).send({ position: 'object' }).expect(200);
    const tally = await tallyOf(claimant, rec.id);
    expect(tally.byOrganization.find((o) => o.organization?.id === ministry.id)).toBeUndefined();
  });

  it('registration only requests an organization, which counts for nothing until granted', async () => {
    const declared = await t
      .http()
      .post('/api/auth/register')
      .send({
        email: `claim.${Date.now()}@example.org`,
        password: PASSWORD,
        displayName: 'C',
        organizationId: ministry.id,
      });
    expect(declared.status).toBe(400);
    const requester = await registerUser(t, { requestedOrganizationId: ministry.id });
    const me = await t.http().get('/api/me').set(requester.auth);
    expect(me.body).toMatchObject({ organization: null, requestedOrganization: { id: ministry.id } });
    const { item } = await scene(requester);
    expect((await moveStatus(requester, item)).status).toBe(403);
  });

  it('only the workspace admin sets an account’s organization, granting the requested one', async () => {
    const claimant = await registerUser(t, { requestedOrganizationId: ministry.id });
    const { g, item } = await scene(claimant);
    for (const caller of [claimant, g.facilitator]) {
      const res = await t
        .http()
        .patch(`/api/users/${claimant.id}/organization`)
        .set(caller.auth)
        .send({ organizationId: ministry.id });
      expect(res.status).toBe(403);
    }
    const pending = async () =>
      (await t.http().get('/api/users/organization-requests?limit=100').set(admin.auth).expect(200)).body.items as {
        id: string;
        requestedOrganization: { id: string } | null;
      }[];
    expect((await pending()).find((u) => u.id === claimant.id)?.requestedOrganization?.id).toBe(ministry.id);
    expect((await t.http().get('/api/users/organization-requests').set(claimant.auth)).status).toBe(403);
    const granted = await affiliate(t, admin, claimant, ministry.id);
    expect((await pending()).map((u) => u.id)).not.toContain(claimant.id);
    expect(granted).toMatchObject({ organization: { id: ministry.id }, requestedOrganization: null });
    expect((await moveStatus(claimant, item)).status).toBe(200);
  });

  it('positions and comments keep the organization they were made for after a change of affiliation', async () => {
    const official = await registerUser(t);
    await affiliate(t, admin, official, ministry.id);
    const { item, rec } = await scene(official);
    await t.http().put(`/api/threads/${rec.id}/positions`).set(official.auth).send({ position: 'endorse' }).expect(200);
    await t.http().post(`/api/actions/${item.id}/comments`).set(official.auth).send({ body: 'As the Ministry' });

    await affiliate(t, admin, official, ngo.id);
    const tally = await tallyOf(official, rec.id);
    expect(tally.positions.find((p) => p.user.id === official.id)?.organization?.id).toBe(ministry.id);
    expect(tally.byOrganization.find((o) => o.organization?.id === ministry.id)?.counts.endorse).toBe(1);
    expect(tally.byOrganization.find((o) => o.organization?.id === ngo.id)).toBeUndefined();

    await t.http().post(`/api/actions/${item.id}/comments`).set(official.auth).send({ body: 'Now for the NGO' });
    const comments = (await t.http().get(`/api/actions/${item.id}/comments`).set(official.auth)).body as {
      body: string;
      organization: { id: string } | null;
    }[];
    expect(comments.map((c) => [c.body, c.organization?.id])).toEqual([
      ['As the Ministry', ministry.id],
      ['Now for the NGO', ngo.id],
    ]);
  });
});
