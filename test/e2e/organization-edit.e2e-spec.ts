import { createTestApp, TestApp } from '../support/test-app';
import { createAdmin, createOrganization, TestUser } from '../support/factories';

/** Issue #20, item 9: the workspace admin edits an organization (name, kind, country), its domains kept. */
describe('editing an organization', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t);
  });
  afterAll(() => t.close());

  it('renames it and corrects its kind and country, keeps its domains, and refuses a name another one has', async () => {
    const org = await createOrganization(t, admin);
    const other = await createOrganization(t, admin);
    await t
      .http()
      .put(`/api/organizations/${org.id}/domains`)
      .set(admin.auth)
      .send({ domains: ['labour.example.gov'] })
      .expect(200);
    const name = `Renamed ${org.id.slice(0, 6)}`;
    const edited = await t
      .http()
      .patch(`/api/organizations/${org.id}`)
      .set(admin.auth)
      .send({ name, kind: 'government', country: 'jo' })
      .expect(200);
    expect(edited.body).toMatchObject({ id: org.id, name, kind: 'government', country: 'JO' });
    expect(edited.body.emailDomains).toEqual(['labour.example.gov']);
    const listed = ((await t.http().get('/api/organizations')).body as { id: string; name: string }[]).find(
      (o) => o.id === org.id,
    );
    expect(listed?.name).toBe(name);

    const taken = await t.http().patch(`/api/organizations/${org.id}`).set(admin.auth).send({ name: other.name });
    expect([taken.status, taken.body.code]).toEqual([409, 'organization-name-taken']);
    await t
      .http()
      .patch('/api/organizations/00000000-0000-4000-8000-000000000000')
      .set(admin.auth)
      .send({ name: 'Nobody' })
      .expect(404);
  });
});
