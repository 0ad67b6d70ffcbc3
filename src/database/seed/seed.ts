import { INestApplicationContext } from '@nestjs/common';
import { AuthUser } from '../../auth/auth-user';
import { AuthService } from '../../auth/auth.service';
import { SessionService } from '../../auth/session.service';
import { TokenService } from '../../auth/token.service';
import { MembersService } from '../../working-groups/members.service';
import { WorkingGroupsService } from '../../working-groups/working-groups.service';
import { OrganizationRepository } from '../../organizations/organization.repository';
import { UserRepository } from '../../users/user.repository';
import { WorkspaceSetupRepository } from '../../users/workspace-setup.repository';
import { ActionItemsService } from '../../action-items/action-items.service';
import { MessagesService } from '../../threads/messages.service';
import { RecommendationsService } from '../../threads/recommendations.service';
import { ThreadsService } from '../../threads/threads.service';
import {
  DEMO_ACCOUNTS,
  DEMO_ACTIONS,
  DEMO_ADMIN,
  DEMO_GROUPS,
  DEMO_OPEN_RECOMMENDATION,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_RECOMMENDATION,
  DEMO_THREADS,
} from './demo-workspace';

/** Seeds through the same services the API uses, so the demo obeys every rule real data does. */
export async function seedDemo(app: INestApplicationContext): Promise<string> {
  const userRepository = app.get(UserRepository);
  const organizationRepository = app.get(OrganizationRepository);
  if (await userRepository.existsWithEmail(DEMO_ACCOUNTS[0].email)) {
    return 'The demo workspace is already there.\n' + logins();
  }

  const organizations = new Map<string, string>();
  for (const org of DEMO_ORGANIZATIONS) {
    const existing = await organizationRepository.findByName(org.name);
    const saved =
      existing ?? (await organizationRepository.insert({ name: org.name, kind: org.kind, country: org.country }));
    organizations.set(org.key, saved.id);
  }
  const auth = app.get(AuthService);
  // Seeded into a workspace that has an admin, the demo's (whose password is public) must not become another one.
  const makeAdmin = !(await app.get(WorkspaceSetupRepository).adminExists());
  const users = new Map<string, AuthUser>();
  for (const account of DEMO_ACCOUNTS) {
    const { accessToken } = await auth.createAccount({
      email: account.email,
      password: DEMO_PASSWORD,
      displayName: account.displayName,
      requestedOrganizationId: organizations.get(account.organization),
      locale: account.locale,
    });
    // Registration only requests an organization; the demo's affiliations are granted here, as the admin would.
    await userRepository.grantRequestedOrganization(account.email);
    if (account.email === DEMO_ADMIN && makeAdmin) await userRepository.grantAdmin(account.email);
    users.set(account.email, await asUser(app, accessToken));
  }

  const facilitator = users.get('facilitator@tansiq.demo')!;
  const groups = new Map<string, string>();
  for (const demo of DEMO_GROUPS) {
    const group = await app.get(WorkingGroupsService).create(facilitator, demo);
    groups.set(demo.name, group.id);
    for (const [email, role] of demo.members) {
      await app.get(MembersService).add(facilitator, group.id, { userId: users.get(email)!.id, role });
    }
  }
  const adopted = await seedDiscussions(app, users, groups);
  await seedActions(app, users, organizations, groups.get(DEMO_RECOMMENDATION.group)!, adopted);
  return 'Seeded the demo workspace.\n' + logins();
}

/** Returns the id of the adopted recommendation. */
async function seedDiscussions(
  app: INestApplicationContext,
  users: Map<string, AuthUser>,
  groups: Map<string, string>,
): Promise<string> {
  let adopted = '';
  const threads = app.get(ThreadsService);
  const messages = app.get(MessagesService);
  const recommendations = app.get(RecommendationsService);
  for (const demo of DEMO_THREADS) {
    const thread = await threads.create(users.get(demo.author)!, groups.get(demo.group)!, {
      title: demo.title,
      kind: 'discussion',
      objectives: demo.objectives,
    });
    for (const [email, body] of demo.messages) await messages.post(users.get(email)!, thread.id, { body });
  }
  for (const demo of [DEMO_RECOMMENDATION, { ...DEMO_OPEN_RECOMMENDATION, outcome: null }]) {
    const thread = await threads.create(users.get(demo.author)!, groups.get(demo.group)!, {
      title: demo.title,
      kind: 'recommendation',
      proposal: demo.proposal,
      objectives: demo.objectives,
    });
    for (const [email, position, reason] of demo.positions) {
      await recommendations.setPosition(users.get(email)!, thread.id, { position, reason: reason ?? undefined });
    }
    if (demo.outcome) {
      await recommendations.close(users.get('facilitator@tansiq.demo')!, thread.id, demo.outcome);
      adopted = thread.id;
    }
  }
  return adopted;
}

async function seedActions(
  app: INestApplicationContext,
  users: Map<string, AuthUser>,
  organizations: Map<string, string>,
  groupId: string,
  recommendationId: string,
): Promise<void> {
  const actions = app.get(ActionItemsService);
  const facilitator = users.get('facilitator@tansiq.demo')!;
  const date = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  for (const demo of DEMO_ACTIONS) {
    let item = await actions.create(facilitator, groupId, {
      title: demo.title,
      description: demo.description,
      sourceType: 'recommendation',
      sourceId: recommendationId,
      leadOrganizationId: organizations.get(demo.lead),
      supportingOrganizationIds: demo.supporting.map((key) => organizations.get(key)!),
      focalPersonId: users.get(demo.focal)!.id,
      dueDate: date(demo.dueInDays),
      priority: demo.priority,
    });
    for (const status of demo.status) {
      item = await actions.update(users.get(demo.focal)!, item.id, {
        version: item.version,
        status,
        statusReason: demo.reason,
      });
    }
  }
}

/** On `npm start` with an empty database only: never touches a workspace that has users. */
export async function seedIfEmpty(app: INestApplicationContext): Promise<string | null> {
  return (await app.get(UserRepository).count()) === 0 ? seedDemo(app) : null;
}

/** The demo acts as its users do: through a session, so every rule and record applies. */
async function asUser(app: INestApplicationContext, accessToken: string): Promise<AuthUser> {
  const user = await app.get(SessionService).resolve(app.get(TokenService).verifyAccess(accessToken));
  if (!user) throw new Error('the demo account could not sign in');
  return user;
}

function logins(): string {
  const lines = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(32)} ${a.displayName}`);
  return `Demo logins (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}`;
}
