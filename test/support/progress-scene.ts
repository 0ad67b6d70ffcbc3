import { randomBytes } from 'node:crypto';
import {
  affiliate,
  createAdmin,
  createOrganization,
  createThread,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from './factories';
import type { TestApp } from './test-app';

export interface ProgressScene {
  group: TestGroup;
  groupName: string;
  admin: TestUser;
  organization: { id: string; name: string };
  recommendationId: string;
  /** Lead organization the member's, focal person the member. */
  actionIds: [string, string];
  /** Texts that identify people in the scene: none may appear on a published page. */
  personal: string[];
}

/**
 * A group with a recommendation and two action items made from it, led by the member's organization with the member
 * as focal person, and a progress note: what a published page or a workbook has to show (or leave out).
 */
export async function progressScene(t: TestApp, admin?: TestUser): Promise<ProgressScene> {
  const tag = randomBytes(3).toString('hex');
  admin ??= await createAdmin(t);
  const organization = await createOrganization(t, admin, `Ministry of Labour ${tag}`);
  const people = await Promise.all(
    ['Facilitator', 'Member', 'Observer'].map((role) => registerUser(t, { displayName: `${role} Person ${tag}` })),
  );
  const [facilitator, member, observer] = people;
  await affiliate(t, admin, member, organization.id);
  const groupName = `Labour migration <b>&</b> ${tag}`;
  const group = await setupGroup(t, { facilitator, member, observer });
  await t.http().patch(`/api/groups/${group.id}`).set(facilitator.auth).send({ name: groupName }).expect(200);
  const rec = await createThread(t, group.id, facilitator, {
    kind: 'recommendation',
    title: 'Open regular pathways',
    proposal: 'Do.',
    objectives: [5, 6],
  });
  const action = async (title: string) =>
    (
      await t
        .http()
        .post(`/api/groups/${group.id}/actions`)
        .set(facilitator.auth)
        .send({
          title,
          sourceType: 'recommendation',
          sourceId: rec.id,
          focalPersonId: member.id,
          leadOrganizationId: organization.id,
        })
        .expect(201)
    ).body as { id: string };
  const first = await action('Publish permit statistics');
  const second = await action('Map diaspora schemes');
  await t
    .http()
    .post(`/api/actions/${first.id}/comments`)
    .set(member.auth)
    .send({ body: `Contact ${member.email} for the figures`, kind: 'progress' })
    .expect(201);
  return {
    group,
    groupName,
    admin,
    organization,
    recommendationId: rec.id,
    actionIds: [first.id, second.id],
    personal: people.flatMap((p) => [p.id, p.email, `Person ${tag}`]),
  };
}
