import {
  affiliate,
  createAdmin,
  createOrganization,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * `GET /api/me/actions` (issue #20 item 15): across the reader's groups, the items they lead (focal person or lead
 * organization), support (their organization supports) or created; nothing they have no part in, nothing of a group
 * they have left.
 */
describe('my actions', () => {
  let t: TestApp;
  let g: TestGroup;
  let supporter: TestUser;
  let bystander: TestUser;
  let ministry: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await createAdmin(t);
    ministry = await createOrganization(t, admin, 'Ministry of Labour');
    supporter = await registerUser(t);
    bystander = await registerUser(t);
    await affiliate(t, admin, supporter, ministry.id);
    g = await setupGroup(t);
    for (const user of [supporter, bystander]) {
      await t
        .http()
        .post(`/api/groups/${g.id}/members`)
        .set(g.facilitator.auth)
        .send({ userId: user.id, role: 'member' });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (title: string, body: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post(`/api/groups/${g.id}/actions`)
        .set(g.facilitator.auth)
        .send({ title, ...body })
        .expect(201)
    ).body as { id: string };
  const mine = async (user: TestUser) =>
    ((await t.http().get('/api/me/actions').set(user.auth).expect(200)).body.items as { id: string }[]).map(
      (i) => i.id,
    );

  it('lists the items one leads, supports or created, and no others', async () => {
    const led = await create('Draft the procedure', { focalPersonId: g.member.id });
    const supported = await create('Cost the one-stop shop', { supportingOrganizationIds: [ministry.id] });
    const unassigned = await create('Someday');
    expect(await mine(g.member)).toEqual(expect.arrayContaining([led.id]));
    expect(await mine(g.member)).not.toContain(supported.id);
    expect(await mine(supporter)).toEqual(expect.arrayContaining([supported.id]));
    expect(await mine(supporter)).not.toContain(led.id);
    expect(await mine(g.facilitator)).toEqual(expect.arrayContaining([led.id, supported.id, unassigned.id]));
    expect(await mine(bystander)).toEqual([]);
  });

  it('drops a group’s items once one has left it', async () => {
    const other = await setupGroup(t, { member: supporter });
    await t
      .http()
      .post(`/api/groups/${other.id}/actions`)
      .set(other.facilitator.auth)
      .send({ title: 'Elsewhere', supportingOrganizationIds: [ministry.id] })
      .expect(201);
    const before = await mine(supporter);
    await t.http().delete(`/api/groups/${other.id}/members/${supporter.id}`).set(other.facilitator.auth).expect(204);
    expect((await mine(supporter)).length).toBe(before.length - 1);
  });
});
