import { INestApplicationContext } from '@nestjs/common';
import { AuthUser } from '../../auth/auth-user';
import { DataSource } from 'typeorm';
import { AuthService } from '../../auth/auth.service';
import { NO_CLIENT } from '../../auth/client-info';
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
import { CreateThreadDto } from '../../threads/dto/create-thread.dto';
import {
  DEMO_ACCOUNTS,
  DEMO_ACTIONS,
  DEMO_ADMIN,
  DEMO_GROUPS,
  DEMO_OPEN_RECOMMENDATION,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_RECOMMENDATION,
  DEMO_REVIEWED_ACTIONS,
  DEMO_REVIEWED_RECOMMENDATION,
  DEMO_THREADS,
} from './demo-workspace';
import { SeedRepository } from './seed.repository';
import { seedProgress } from './seed-progress';

export interface SeedResult {
  /** False when the demo workspace was already complete and nothing was added. */
  seeded: boolean;
  password: string;
  logins: { email: string; displayName: string }[];
}

/**
 * Seeds through the same services the API uses, so the demo obeys every rule real data does. Each service commits
 * its own transaction and announces it after commit, so the seed cannot be one transaction; it is resumable
 * instead: every step first looks for its own rows by natural key (email, group name, title within the group) and
 * does only what is missing, so a seed interrupted part way is completed by the next run, and a complete one is
 * left as it is. Runs under an advisory lock: a second node seeding at the same time waits, then finds it done.
 */
export async function seedDemo(app: INestApplicationContext): Promise<SeedResult> {
  const seeds = new SeedRepository(app.get(DataSource));
  return seeds.locked(async () => ({ seeded: await seedSteps(app, seeds), password: DEMO_PASSWORD, logins: logins() }));
}

/**
 * On start-up with SEED_DEMO: seeds an empty workspace, and completes a demo workspace a stopped node left half
 * done (its last action item missing). A finished demo is left as its users made it since (a thread they deleted
 * stays deleted), and a workspace without the demo is never touched. Null when there was nothing to do.
 */
export async function seedIfEmpty(app: INestApplicationContext): Promise<SeedResult | null> {
  const seeds = new SeedRepository(app.get(DataSource));
  return seeds.locked(async () => {
    const users = app.get(UserRepository);
    const empty = (await users.count()) === 0;
    if (!empty && !((await users.existsWithEmail(DEMO_ACCOUNTS[0].email)) && !(await finished(seeds)))) return null;
    return (await seedSteps(app, seeds)) ? { seeded: true, password: DEMO_PASSWORD, logins: logins() } : null;
  });
}

/** Whether a seed got to its last step: the review of the reviewed recommendation, wherever its group is now. */
function finished(seeds: SeedRepository): Promise<boolean> {
  return seeds.reviewed(DEMO_REVIEWED_RECOMMENDATION.title);
}

/** Whether anything was added. */
async function seedSteps(app: INestApplicationContext, seeds: SeedRepository): Promise<boolean> {
  const progress = { added: 0 };
  const organizations = await seedOrganizations(app, progress);
  const users = await seedAccounts(app, seeds, organizations, progress);
  const groups = new Map<string, string>();
  for (const demo of DEMO_GROUPS) {
    let groupId = await seeds.groupId(demo.name);
    if (!groupId) {
      groupId = (await app.get(WorkingGroupsService).create(await users.as('facilitator@tansiq.demo'), demo)).id;
      progress.added += 1;
    }
    groups.set(demo.name, groupId);
    for (const [email, role] of demo.members) {
      const userId = users.id(email);
      if (await seeds.isMember(groupId, userId)) continue;
      await app.get(MembersService).add(await users.as('facilitator@tansiq.demo'), groupId, { userId, role });
      progress.added += 1;
    }
  }
  const adopted = await seedDiscussions(app, seeds, users, groups, progress);
  await seedActions(app, seeds, users, organizations, groups.get(DEMO_RECOMMENDATION.group)!, adopted.governance, {
    demo: DEMO_ACTIONS,
    progress,
  });
  await seedActions(
    app,
    seeds,
    users,
    organizations,
    groups.get(DEMO_REVIEWED_RECOMMENDATION.group)!,
    adopted.reviewed,
    {
      demo: DEMO_REVIEWED_ACTIONS,
      progress,
    },
  );
  await seedProgress(app, seeds, users, progress);
  return progress.added > 0;
}

async function seedOrganizations(app: INestApplicationContext, progress: { added: number }) {
  const organizationRepository = app.get(OrganizationRepository);
  const organizations = new Map<string, string>();
  for (const org of DEMO_ORGANIZATIONS) {
    let saved = await organizationRepository.findByName(org.name);
    if (!saved) {
      saved = await organizationRepository.insert({ name: org.name, kind: org.kind, country: org.country });
      progress.added += 1;
    }
    organizations.set(org.key, saved.id);
  }
  return organizations;
}

async function seedAccounts(
  app: INestApplicationContext,
  seeds: SeedRepository,
  organizations: Map<string, string>,
  progress: { added: number },
): Promise<DemoUsers> {
  const auth = app.get(AuthService);
  const userRepository = app.get(UserRepository);
  const users = new DemoUsers(app);
  for (const account of DEMO_ACCOUNTS) {
    const existing = await seeds.userId(account.email);
    if (existing) {
      users.add(account.email, existing);
    } else {
      const created = await auth.createAccount({
        email: account.email,
        password: DEMO_PASSWORD,
        displayName: account.displayName,
        requestedOrganizationId: organizations.get(account.organization),
        locale: account.locale,
      });
      users.add(account.email, created.user.id, created.accessToken);
      progress.added += 1;
    }
    // Also for an account an interrupted run made: both are no-ops once done. Registration only requests an
    // organization; the demo's affiliations are granted here, as the admin would. Seeded into a workspace that has
    // an admin, the demo's (whose password is public) must not become another one.
    await userRepository.grantRequestedOrganization(account.email);
    if (account.email === DEMO_ADMIN && !(await app.get(WorkspaceSetupRepository).adminExists())) {
      await userRepository.grantAdmin(account.email);
    }
  }
  return users;
}

/**
 * The demo's accounts by email: their ids at once, each as a signed-in user only when a step acts as it, so a run
 * that finds everything done starts no sessions.
 */
class DemoUsers {
  private readonly ids = new Map<string, string>();
  private readonly accessTokens = new Map<string, string>();
  private readonly signedIn = new Map<string, AuthUser>();

  constructor(private readonly app: INestApplicationContext) {}

  add(email: string, id: string, accessToken?: string): void {
    this.ids.set(email, id);
    if (accessToken) this.accessTokens.set(email, accessToken);
  }

  id(email: string): string {
    const id = this.ids.get(email);
    if (!id) throw new Error(`${email} is not a demo account`);
    return id;
  }

  /** The demo acts as its users do: through a session, so every rule and record applies. */
  async as(email: string): Promise<AuthUser> {
    const known = this.signedIn.get(email);
    if (known) return known;
    let accessToken = this.accessTokens.get(email);
    if (!accessToken) {
      // Made by an earlier run: signing in as it needs no password (and works if the password was changed).
      const answer = await this.app.get(AuthService).login(this.id(email), NO_CLIENT);
      if (!('accessToken' in answer)) throw new Error(`the demo account ${email} has a second factor`);
      accessToken = answer.accessToken;
    }
    const user = await this.app.get(SessionService).resolve(this.app.get(TokenService).verifyAccess(accessToken));
    if (!user) throw new Error(`the demo account ${email} could not sign in`);
    this.signedIn.set(email, user);
    return user;
  }
}

/** Returns the ids of the adopted recommendations. */
async function seedDiscussions(
  app: INestApplicationContext,
  seeds: SeedRepository,
  users: DemoUsers,
  groups: Map<string, string>,
  progress: { added: number },
): Promise<{ governance: string; reviewed: string }> {
  const adopted = { governance: '', reviewed: '' };
  const threads = app.get(ThreadsService);
  const messages = app.get(MessagesService);
  const recommendations = app.get(RecommendationsService);
  // A thread found by its title in its group, or created by its author: what a step resumes from.
  const threadOf = async (demo: { group: string; title: string; author: string }, dto: CreateThreadDto) => {
    const groupId = groups.get(demo.group)!;
    const found = await seeds.thread(groupId, demo.title);
    return { found, thread: found ?? (await threads.create(await users.as(demo.author), groupId, dto)) };
  };
  for (const demo of DEMO_THREADS) {
    const { found, thread } = await threadOf(demo, {
      title: demo.title,
      kind: 'discussion',
      objectives: demo.objectives,
    });
    // Messages are posted in order: the ones already there are the first ones.
    for (const [email, body] of demo.messages.slice(found?.messages ?? 0)) {
      await messages.post(await users.as(email), thread.id, { body });
      progress.added += 1;
    }
    if (!found) progress.added += 1;
  }
  // The second adopted recommendation is reviewed on the day the demo is made: the demo shows a review at once.
  const today = new Date().toISOString().slice(0, 10);
  const recommendationsToSeed = [
    { ...DEMO_RECOMMENDATION, key: 'governance' as const },
    {
      ...DEMO_REVIEWED_RECOMMENDATION,
      key: 'reviewed' as const,
      outcome: { ...DEMO_REVIEWED_RECOMMENDATION.outcome, reviewDate: today },
    },
    { ...DEMO_OPEN_RECOMMENDATION, key: null, outcome: null },
  ];
  for (const demo of recommendationsToSeed) {
    const { found, thread } = await threadOf(demo, {
      title: demo.title,
      kind: 'recommendation',
      proposal: demo.proposal,
      objectives: demo.objectives,
    });
    if (!found) progress.added += 1;
    if (demo.key) adopted[demo.key] = thread.id;
    // A closed recommendation was closed last: everything before it is there.
    if (found && found.status !== 'open') continue;
    for (const [email, position, reason] of demo.positions) {
      if (await seeds.hasPosition(thread.id, users.id(email))) continue;
      await recommendations.setPosition(await users.as(email), thread.id, { position, reason: reason ?? undefined });
      progress.added += 1;
    }
    if (demo.outcome) {
      await recommendations.close(await users.as('facilitator@tansiq.demo'), thread.id, demo.outcome);
      progress.added += 1;
    }
  }
  return adopted;
}

async function seedActions(
  app: INestApplicationContext,
  seeds: SeedRepository,
  users: DemoUsers,
  organizations: Map<string, string>,
  groupId: string,
  recommendationId: string,
  { demo: demoActions, progress }: { demo: typeof DEMO_ACTIONS; progress: { added: number } },
): Promise<void> {
  const actions = app.get(ActionItemsService);
  const date = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  for (const demo of demoActions) {
    let item: { id: string; status: string; version: number } | null = await seeds.actionItem(groupId, demo.title);
    if (!item) {
      item = await actions.create(await users.as('facilitator@tansiq.demo'), groupId, {
        title: demo.title,
        description: demo.description,
        sourceType: 'recommendation',
        sourceId: recommendationId,
        leadOrganizationId: organizations.get(demo.lead),
        supportingOrganizationIds: demo.supporting.map((key) => organizations.get(key)!),
        focalPersonId: users.id(demo.focal),
        dueDate: date(demo.dueInDays),
        priority: demo.priority,
      });
      progress.added += 1;
    }
    // The statuses it went through, in order: those up to its current one are behind it.
    for (const status of demo.status.slice(demo.status.indexOf(item.status as (typeof demo.status)[number]) + 1)) {
      item = await actions.update(await users.as(demo.focal), item.id, {
        version: item.version,
        status,
        statusReason: demo.reason,
      });
      progress.added += 1;
    }
  }
}

function logins(): SeedResult['logins'] {
  return DEMO_ACCOUNTS.map(({ email, displayName }) => ({ email, displayName }));
}
