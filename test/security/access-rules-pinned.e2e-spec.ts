import { ACCESS_RULES, AccessRule } from '../../src/access/access-rules';
import { Permission, Role, ROLES } from '../../src/access/permission';
import {
  createAdmin,
  addMember,
  createGroup,
  createThread,
  postMessage,
  registerUser,
  TestUser,
} from '../support/factories';
import { connect, TestSocket, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Pins every row of the access table (src/access/access-rules.ts): for each permission, each role that does not
 * hold it, and the workspace admin outside the group where `admin` is false, one request guarded by that permission
 * must be refused. Widening any row by one role or by the admin flag makes at least one of these tests fail.
 *
 * ACCESS_SWEEP=1 proves it: it widens the table one row at a time, in this process (the app reads ACCESS_RULES on
 * every check), runs every probe against a fresh group, and reports how many widenings some probe caught.
 */

type Actor = Role | 'admin';

/** Who a widening would let in: a role of the group that lacks the permission, or the admin outside the group. */
interface Widening {
  permission: Permission;
  actor: Actor;
}

/** Every single-step widening of the table as it is. */
function widenings(rules: Record<Permission, AccessRule> = ACCESS_RULES): Widening[] {
  return (Object.keys(rules) as Permission[]).flatMap((permission) => [
    ...ROLES.filter((role) => !rules[permission].roles.includes(role)).map((actor) => ({ permission, actor })),
    ...(rules[permission].admin ? [] : [{ permission, actor: 'admin' as const }]),
  ]);
}

interface Users {
  admin: TestUser;
  facilitator: TestUser;
  member: TestUser;
  observer: TestUser;
  newcomer: TestUser;
}

/** A group with one user per role, content by the facilitator, and an archived group with an action item. */
interface Scene {
  groupId: string;
  threadId: string;
  recommendationId: string;
  messageId: string;
  /** The observer is its focal person: only their role stands between them and a status change. */
  observerActionId: string;
  /** In an archived group: the admin's management rights give way there, so only action-item.work decides. */
  archivedActionId: string;
}

/** What a probe saw: an HTTP status, or whether a typing hint reached the group. */
type Outcome = number | 'relayed' | 'not relayed';

interface Probe {
  /** The refusal the actor gets today. */
  refused: Outcome;
  run(s: Scene, as: TestUser): Promise<Outcome>;
}

let t: TestApp;
let url: string;
let users: Users;
const sockets: TestSocket[] = [];

const status = async (request: PromiseLike<{ status: number }>) => (await request).status;
const rest = (as: TestUser) => ({
  get: (path: string) => t.http().get(path).set(as.auth),
  post: (path: string, body: object = {}) => t.http().post(path).set(as.auth).send(body),
  patch: (path: string, body: object) => t.http().patch(path).set(as.auth).send(body),
  put: (path: string, body: object) => t.http().put(path).set(as.auth).send(body),
  delete: (path: string) => t.http().delete(path).set(as.auth),
});

/**
 * One route guarded by each permission, sent as someone who lacks it. Each is a refusal that changes nothing while
 * the table is as it is; under a widening it succeeds (or gets further, to a different answer).
 */
const PROBES: Record<Permission, Probe | null> = {
  // Every role and the admin hold these: no widening exists.
  [Permission.GroupRead]: null,
  [Permission.EventRead]: null,
  [Permission.GroupUpdate]: {
    refused: 403,
    run: (s, as) => status(rest(as).patch(`/api/groups/${s.groupId}`, { purpose: 'Changed' })),
  },
  [Permission.GroupArchive]: {
    refused: 403,
    run: (s, as) => status(rest(as).post(`/api/groups/${s.groupId}/archive`)),
  },
  [Permission.MemberManage]: {
    refused: 403,
    run: (s, as) =>
      status(rest(as).post(`/api/groups/${s.groupId}/members`, { userId: users.newcomer.id, role: 'observer' })),
  },
  [Permission.MembershipLeave]: {
    refused: 403,
    run: (s, as) => status(rest(as).post(`/api/groups/${s.groupId}/leave`)),
  },
  [Permission.InvitationRead]: {
    refused: 403,
    run: (s, as) => status(rest(as).get(`/api/groups/${s.groupId}/invitations`)),
  },
  [Permission.InvitationManage]: {
    refused: 403,
    run: (s, as) =>
      status(rest(as).post(`/api/groups/${s.groupId}/invitations`, { email: 'pinned@example.org', role: 'member' })),
  },
  [Permission.AuditRead]: {
    refused: 403,
    run: (s, as) => status(rest(as).get(`/api/groups/${s.groupId}/audit`)),
  },
  [Permission.ApiTokenRead]: {
    refused: 403,
    run: (s, as) => status(rest(as).get(`/api/groups/${s.groupId}/api-tokens`)),
  },
  [Permission.ApiTokenManage]: {
    refused: 403,
    run: (s, as) => status(rest(as).post(`/api/groups/${s.groupId}/api-tokens`, { name: 'Pinned', access: 'read' })),
  },
  [Permission.NotificationPreference]: {
    refused: 403,
    run: (s, as) => status(rest(as).put(`/api/groups/${s.groupId}/notification-preference`, { level: 'none' })),
  },
  [Permission.Typing]: { refused: 'not relayed', run: (s, as) => typing(s, as) },
  [Permission.ThreadCreate]: {
    refused: 403,
    run: (s, as) => status(rest(as).post(`/api/groups/${s.groupId}/threads`, { title: 'Pinned', kind: 'discussion' })),
  },
  [Permission.MessagePost]: {
    refused: 403,
    run: (s, as) => status(rest(as).post(`/api/threads/${s.threadId}/messages`, { body: 'Pinned' })),
  },
  [Permission.ReactionToggle]: {
    refused: 403,
    run: (s, as) => status(rest(as).post(`/api/messages/${s.messageId}/reactions`, { emoji: '👍' })),
  },
  [Permission.PositionTake]: {
    refused: 403,
    run: (s, as) => status(rest(as).put(`/api/threads/${s.recommendationId}/positions`, { position: 'endorse' })),
  },
  // The facilitator's thread and message: editing or deleting someone else's is moderation.
  [Permission.ThreadModerate]: {
    refused: 403,
    run: (s, as) => status(rest(as).patch(`/api/threads/${s.threadId}`, { title: 'Renamed by someone else' })),
  },
  [Permission.MessageModerate]: {
    refused: 403,
    run: (s, as) => status(rest(as).delete(`/api/messages/${s.messageId}`)),
  },
  [Permission.RecommendationClose]: {
    refused: 403,
    run: (s, as) =>
      status(rest(as).post(`/api/threads/${s.recommendationId}/outcome`, { outcome: 'adopted', statement: 'Done.' })),
  },
  [Permission.ActionManage]: {
    refused: 403,
    run: (s, as) => status(rest(as).post(`/api/groups/${s.groupId}/actions`, { title: 'Pinned action' })),
  },
  // The observer is the item's focal person; the admin acts in an archived group, where managing gives way.
  [Permission.ActionWork]: {
    refused: 403,
    run: (s, as) =>
      status(
        rest(as).patch(`/api/actions/${as === users.admin ? s.archivedActionId : s.observerActionId}`, {
          version: 1,
          status: 'in-progress',
        }),
      ),
  },
  [Permission.ActionComment]: {
    refused: 403,
    run: (s, as) => status(rest(as).post(`/api/actions/${s.observerActionId}/comments`, { body: 'Pinned note' })),
  },
};

/**
 * A refused typing hint is dropped without an answer. So the member, who may type, types right after on a socket
 * of their own; once the facilitator hears the member, the actor's earlier hint would have arrived too.
 */
async function typing(s: Scene, as: TestUser): Promise<Outcome> {
  const [listener, actor, control] = await Promise.all(
    [users.facilitator, as, users.member].map((user) => connect(url, user.accessToken)),
  );
  sockets.push(listener, actor, control);
  const heard: string[] = [];
  listener.on('typing', (hint) => heard.push(hint.userId));
  actor.emit('typing', { groupId: s.groupId });
  // A round trip on the actor's socket that needs the database, so its typing check has run first.
  await actor.emitWithAck('presence.get', { groupId: s.groupId });
  // Typing is relayed once per user per 1.5 s across all sockets: the member's hint from the previous probe may still
  // hold that slot, so the member types again until heard.
  const again = setInterval(() => control.emit('typing', { groupId: s.groupId }), 500);
  control.emit('typing', { groupId: s.groupId });
  try {
    await waitFor(() => heard.includes(users.member.id), 5000, 'the member typing');
  } finally {
    clearInterval(again);
  }
  [listener, actor, control].forEach((socket) => socket.disconnect());
  return heard.includes(as.id) ? 'relayed' : 'not relayed';
}

async function newScene(): Promise<Scene> {
  const { facilitator, member, observer } = users;
  const group = await createGroup(t, facilitator);
  await addMember(t, group.id, facilitator, member, 'member');
  await addMember(t, group.id, facilitator, observer, 'observer');
  const thread = await createThread(t, group.id, facilitator);
  const recommendation = await createThread(t, group.id, facilitator, {
    kind: 'recommendation',
    title: 'A proposal',
    proposal: 'Do it.',
  });
  const message = await postMessage(t, thread.id, facilitator, 'by the facilitator');
  const action = await rest(facilitator)
    .post(`/api/groups/${group.id}/actions`, { title: 'For the observer', focalPersonId: observer.id })
    .expect(201);
  const archived = await createGroup(t, facilitator);
  const archivedAction = await rest(facilitator)
    .post(`/api/groups/${archived.id}/actions`, { title: 'Before archiving' })
    .expect(201);
  await rest(facilitator).post(`/api/groups/${archived.id}/archive`).expect(200);
  return {
    groupId: group.id,
    threadId: thread.id,
    recommendationId: recommendation.id,
    messageId: message.message.id,
    observerActionId: action.body.id,
    archivedActionId: archivedAction.body.id,
  };
}

/** Each probe as each actor it is sent as (the table's widenings before any change); those not refused as today. */
async function unrefused(s: Scene, probes: Widening[]): Promise<string[]> {
  const failures: string[] = [];
  for (const { permission, actor } of probes) {
    const probe = PROBES[permission]!;
    // A probe that cannot even run (an earlier widened probe archived the group, say) also shows the change.
    const outcome = await probe.run(s, users[actor]).catch((error: Error) => error.message);
    if (outcome !== probe.refused) failures.push(`${permission} as ${actor}: ${outcome}`);
  }
  return failures;
}

/** The table with one row widened by one actor; a new row object, so the shared role lists stay as they are. */
function widen({ permission, actor }: Widening): () => void {
  const original = ACCESS_RULES[permission];
  ACCESS_RULES[permission] =
    actor === 'admin' ? { ...original, admin: true } : { ...original, roles: [...original.roles, actor] };
  return () => {
    ACCESS_RULES[permission] = original;
  };
}

beforeAll(async () => {
  t = await createTestApp({ WRITE_RATE_LIMIT: '100000' });
  const admin = await createAdmin(t);
  const [facilitator, member, observer, newcomer] = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
  users = { admin, facilitator, member, observer, newcomer };
  url = await t.listen();
});
afterAll(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await t.close();
});

describe('every row of the access table is pinned', () => {
  let scene: Scene;
  beforeAll(async () => {
    scene = await newScene();
  });

  it('has a probe for every permission that can be widened', () => {
    const missing = widenings().filter(({ permission }) => !PROBES[permission]);
    expect(missing).toEqual([]);
  });

  for (const { permission, actor } of widenings()) {
    it(`${permission} is refused to ${actor === 'admin' ? 'the workspace admin outside the group' : `a ${actor}`}`, async () => {
      const probe = PROBES[permission]!;
      expect(await probe.run(scene, users[actor])).toBe(probe.refused);
    });
  }
});

const sweep = process.env.ACCESS_SWEEP ? describe : describe.skip;

sweep('mutation sweep: each single widening of the table fails a probe', () => {
  it(
    'catches every widening',
    async () => {
      const all = widenings();
      const missed: string[] = [];
      for (const widening of all) {
        const s = await newScene();
        const restore = widen(widening);
        let failures: string[];
        try {
          failures = await unrefused(s, all);
        } finally {
          restore();
        }
        if (failures.length === 0) missed.push(`${widening.permission} + ${widening.actor}`);
        process.stdout.write(
          `${widening.permission} + ${widening.actor}: ${failures.length ? `caught by ${failures.join('; ')}` : 'MISSED'}\n`,
        );
      }
      process.stdout.write(`${all.length - missed.length} of ${all.length} widenings caught\n`);
      expect(missed).toEqual([]);
    },
    30 * 60_000,
  );
});
