import {
  affiliate,
  createAdmin,
  createOrganization,
  createThread,
  registerUser,
  setupGroup,
  TestUser,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

type Actor = 'anonymous' | 'person' | 'orgAdmin' | 'otherOrgAdmin' | 'workspaceAdmin' | 'service';
const ACTORS: Actor[] = ['anonymous', 'person', 'orgAdmin', 'otherOrgAdmin', 'workspaceAdmin', 'service'];

/**
 * Who speaks for an organization: its admins (a role per organization, appointed by the workspace admin) see and
 * manage its people; nobody makes themselves one of them. The authorization matrix has these routes for group roles;
 * this is their matrix for the organization admin and the service account, with the behaviour behind each 2xx.
 */
describe('organization people', () => {
  let t: TestApp;
  let admin: TestUser;
  let ministry: { id: string };
  let ngo: { id: string };
  let orgAdmin: TestUser;
  let otherOrgAdmin: TestUser;
  let person: TestUser;
  let service: { auth: { Authorization: string }; id: string };

  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT: '100000' });
    admin = await createAdmin(t);
    ministry = await createOrganization(t, admin, `Ministry ${Date.now()}`);
    ngo = await createOrganization(t, admin, `NGO ${Date.now()}`);
    [orgAdmin, otherOrgAdmin, person] = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    await affiliate(t, admin, orgAdmin, ministry.id);
    await affiliate(t, admin, person, ministry.id);
    await affiliate(t, admin, otherOrgAdmin, ngo.id);
    await appoint(ministry.id, orgAdmin).expect(200);
    await appoint(ngo.id, otherOrgAdmin).expect(200);
    const g = await setupGroup(t);
    const token = await t
      .http()
      .post(`/api/groups/${g.id}/api-tokens`)
      .set(g.facilitator.auth)
      .send({ name: 'Integration', access: 'read-write' })
      .expect(201);
    service = { id: token.body.serviceAccountId, auth: { Authorization: `Bearer ${token.body.token}` } };
  });
  afterAll(() => t.close());

  const appoint = (organizationId: string, user: TestUser) =>
    t.http().put(`/api/organizations/${organizationId}/admins/${user.id}`).set(admin.auth);
  const authOf = (actor: Actor) =>
    ({
      anonymous: {},
      person: person.auth,
      orgAdmin: orgAdmin.auth,
      otherOrgAdmin: otherOrgAdmin.auth,
      workspaceAdmin: admin.auth,
      service: service.auth,
    })[actor];

  /** A confirmed account asking to speak for the Ministry, made afresh for each request. */
  const requester = () => registerUser(t, { requestedOrganizationId: ministry.id });
  /** A confirmed person of the Ministry, made afresh for each request. */
  const member = async () => {
    const user = await registerUser(t);
    await affiliate(t, admin, user, ministry.id);
    return user;
  };

  const MANAGERS = {
    anonymous: 401,
    person: 403,
    orgAdmin: 200,
    otherOrgAdmin: 403,
    workspaceAdmin: 200,
    service: 403,
  };
  const WORKSPACE = {
    anonymous: 401,
    person: 403,
    orgAdmin: 403,
    otherOrgAdmin: 403,
    workspaceAdmin: 200,
    service: 403,
  };
  const ROWS: { route: string; subject?: () => Promise<TestUser>; body?: object; expect: Record<Actor, number> }[] = [
    { route: 'GET members', expect: MANAGERS },
    { route: 'GET requests', expect: MANAGERS },
    { route: 'POST requests/:userId/approve', subject: requester, expect: MANAGERS },
    { route: 'DELETE requests/:userId', subject: requester, expect: MANAGERS },
    { route: 'DELETE members/:userId', subject: member, expect: MANAGERS },
    { route: 'PUT admins/:userId', subject: member, expect: WORKSPACE },
    { route: 'DELETE admins/:userId', subject: member, expect: WORKSPACE },
    { route: 'PUT domains', body: { domains: [] }, expect: WORKSPACE },
  ];

  for (const row of ROWS) {
    for (const actor of ACTORS) {
      it(`${row.route} of the Ministry as ${actor} → ${row.expect[actor]}`, async () => {
        const subject = row.subject ? await row.subject() : null;
        const [method, path] = row.route.split(' ');
        const url = `/api/organizations/${ministry.id}/${path.replace(':userId', subject?.id ?? '')}`;
        const http = t.http();
        const req = http[method.toLowerCase() as 'get'](url).set(authOf(actor));
        const res = await (row.body ? req.send(row.body) : req);
        expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toMatchObject({
          status: row.expect[actor],
        });
      });
    }
  }

  it('lets an organization admin see who asks, approve one, decline another and end an affiliation', async () => {
    const [asking, declined] = [await requester(), await requester()];
    const requests = await t.http().get(`/api/organizations/${ministry.id}/requests`).set(orgAdmin.auth).expect(200);
    expect(requests.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([asking.id]));

    const approved = await t
      .http()
      .post(`/api/organizations/${ministry.id}/requests/${asking.id}/approve`)
      .set(orgAdmin.auth)
      .expect(200);
    expect(approved.body).toMatchObject({ id: asking.id, emailVerified: true, organizationAdmin: false });
    // It counts from the account's next request.
    const me = await t.http().get('/api/me').set(asking.auth);
    expect(me.body).toMatchObject({ organization: { id: ministry.id }, requestedOrganization: null });

    await t.http().delete(`/api/organizations/${ministry.id}/requests/${declined.id}`).set(orgAdmin.auth).expect(200);
    const after = await t.http().get('/api/me').set(declined.auth);
    expect(after.body).toMatchObject({ organization: null, requestedOrganization: null });
    // Declined is settled: approving it now is a conflict, not a grant.
    const late = await t
      .http()
      .post(`/api/organizations/${ministry.id}/requests/${declined.id}/approve`)
      .set(orgAdmin.auth);
    expect(late.status).toBe(409);

    const members = await t.http().get(`/api/organizations/${ministry.id}/members`).set(orgAdmin.auth).expect(200);
    expect(members.body.items.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([asking.id, person.id, orgAdmin.id]),
    );
    expect(members.body.items.find((p: { id: string }) => p.id === orgAdmin.id).organizationAdmin).toBe(true);
  });

  it('keeps a recorded position where it was when an organization admin ends the affiliation', async () => {
    const official = await member();
    const g = await setupGroup(t, { member: official });
    const rec = await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'Data',
      proposal: 'Share',
    });
    await t.http().put(`/api/threads/${rec.id}/positions`).set(official.auth).send({ position: 'endorse' }).expect(200);
    await t.http().delete(`/api/organizations/${ministry.id}/members/${official.id}`).set(orgAdmin.auth).expect(200);
    expect((await t.http().get('/api/me').set(official.auth)).body.organization).toBeNull();
    const tally = (await t.http().get(`/api/threads/${rec.id}/positions`).set(official.auth)).body as {
      positions: { user: { id: string }; organization: { id: string } | null }[];
    };
    expect(tally.positions.find((p) => p.user.id === official.id)?.organization?.id).toBe(ministry.id);
  });

  it('appoints only a confirmed person of the organization, and the role ends with the affiliation', async () => {
    const outsider = await registerUser(t);
    const refused = await appoint(ministry.id, outsider);
    expect(refused.status).toBe(409);
    const deputy = await member();
    await appoint(ministry.id, deputy).expect(200);
    expect((await t.http().get('/api/me').set(deputy.auth)).body.organizationAdmin).toBe(true);
    await t.http().get(`/api/organizations/${ministry.id}/members`).set(deputy.auth).expect(200);

    await affiliate(t, admin, deputy, ngo.id); // moved by the workspace admin
    expect((await t.http().get('/api/me').set(deputy.auth)).body.organizationAdmin).toBe(false);
    await t.http().get(`/api/organizations/${ministry.id}/members`).set(deputy.auth).expect(403);
    await t.http().get(`/api/organizations/${ngo.id}/members`).set(deputy.auth).expect(403);
  });

  it('gives nobody a way to make themselves a person of the Ministry', async () => {
    const claimant = await registerUser(t, { requestedOrganizationId: ministry.id });
    const direct = await t.http().patch('/api/me').set(claimant.auth).send({ organizationId: ministry.id });
    expect(direct.status).toBe(400);
    const self = await t
      .http()
      .post(`/api/organizations/${ministry.id}/requests/${claimant.id}/approve`)
      .set(claimant.auth);
    expect(self.status).toBe(403);
    const fromElsewhere = await t
      .http()
      .post(`/api/organizations/${ministry.id}/requests/${claimant.id}/approve`)
      .set(otherOrgAdmin.auth);
    expect(fromElsewhere.status).toBe(403);
    const domains = await t
      .http()
      .put(`/api/organizations/${ministry.id}/domains`)
      .set(claimant.auth)
      .send({ domains: ['example.org'] });
    expect(domains.status).toBe(403);
    const me = await t.http().get('/api/me').set(claimant.auth);
    expect(me.body).toMatchObject({ organization: null, requestedOrganization: { id: ministry.id } });
  });

  it('keeps a verified domain to one organization, naming the field', async () => {
    const domain = `ministry-${Date.now()}.gov.example`;
    await t
      .http()
      .put(`/api/organizations/${ministry.id}/domains`)
      .set(admin.auth)
      .send({ domains: [domain.toUpperCase()] })
      .expect(200)
      .expect((res) => expect(res.body.emailDomains).toEqual([domain]));
    const taken = await t
      .http()
      .put(`/api/organizations/${ngo.id}/domains`)
      .set(admin.auth)
      .send({ domains: [domain] });
    expect(taken.status).toBe(400);
    expect(taken.body.details).toEqual([
      {
        field: 'domains',
        code: 'domains-taken',
        params: { domains: domain },
        message: expect.stringContaining(domain),
      },
    ]);
    const bad = await t
      .http()
      .put(`/api/organizations/${ngo.id}/domains`)
      .set(admin.auth)
      .send({ domains: ['not a domain'] });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toMatch(/^domains/);
    const directory = await t.http().get('/api/organizations').expect(200);
    expect(directory.body.find((o: { id: string }) => o.id === ministry.id).emailDomains).toEqual([domain]);
  });
});
