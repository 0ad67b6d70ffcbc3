import { randomUUID } from 'node:crypto';
import { AttachmentPlaces } from '../../src/attachments/attachment-places';
import { AuthService } from '../../src/auth/auth.service';
import { NO_CLIENT } from '../../src/auth/client-info';
import { signUnsubscribe } from '../../src/mail/mail-tokens';
import { createTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import {
  createAdmin,
  createOrganization,
  addMember,
  PASSWORD,
  createThread,
  postMessage,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';
import { listRoutes } from '../support/routes';
import { uploadFile } from '../support/attachment-factories';

type Actor = 'anonymous' | 'outsider' | 'observer' | 'member' | 'facilitator' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'outsider', 'observer', 'member', 'facilitator', 'admin'];

interface Scene {
  group: TestGroup;
  threadId: string;
  recommendationId: string;
  /** A message by the group's member, and one by the acting user where they may post. */
  messageId: string;
  /** An action item whose focal person is the group's member. */
  actionId: string;
  /** A member other than the actors, for routes about "another member". */
  target: TestUser;
  /** A user in no group, for routes that add someone. */
  newcomer: TestUser;
  invitationId: string;
  /** An invitation addressed to the acting user. */
  invitationForActor: string;
  /** A read token of the group, made by its facilitator. */
  apiTokenId: string;
  /** An organization the newcomer asked to speak for. */
  organizationId: string;
  /** A live session of the target: someone else's, for every actor. */
  targetSessionId: string;
  /** A file the group's member uploaded and attached to their message. */
  attachmentId: string;
  /** A milestone of the action item. */
  milestoneId: string;
  /** A pending progress claim of the member's on the action item. */
  claimId: string;
  /** A check-in of the scene's action. */
  checkInId: string;
}

interface Row {
  route: string;
  /** Path parameters and body for this scene and actor. */
  request?: (s: Scene) => { params?: Record<string, string>; query?: Record<string, string>; body?: object };
  expect: Record<Actor, number>;
}

const READ = { anonymous: 401, outsider: 404, observer: 200, member: 200, facilitator: 200, admin: 200 };
const MANAGE = (ok: number) => ({
  anonymous: 401,
  outsider: 404,
  observer: 403,
  member: 403,
  facilitator: ok,
  admin: ok,
});
const ANY_USER = (ok: number) => ({
  anonymous: 401,
  outsider: ok,
  observer: ok,
  member: ok,
  facilitator: ok,
  admin: ok,
});
/** Writing in a group: facilitators and members; the admin outside it takes no part. */
const WRITE = (ok: number) => ({
  anonymous: 401,
  outsider: 404,
  observer: 403,
  member: ok,
  facilitator: ok,
  admin: 403,
});
/** The workspace admin's alone (none of these actors administers an organization). */
const WORKSPACE_ADMIN = (ok: number) => ({
  anonymous: 401,
  outsider: 403,
  observer: 403,
  member: 403,
  facilitator: 403,
  admin: ok,
});
const PUBLIC = (ok: number) => ({ anonymous: ok, outsider: ok, observer: ok, member: ok, facilitator: ok, admin: ok });

/** Organizations with an identity provider: one to read and change, one the admin removes it from. */
const ssoOrganizations = { configured: '', removable: '' };
const IDENTITY_PROVIDER = {
  issuer: 'https://idp.example.org',
  clientId: 'tansiq',
  clientSecret: 'a-client-secret',
  allowedDomains: ['iom.int'],
};

/** The table: every route × every kind of caller → status. A route missing here fails the suite. */
const MATRIX: Row[] = [
  { route: 'GET /api/health', expect: PUBLIC(200) },
  { route: 'GET /api/health/live', expect: PUBLIC(200) },
  { route: 'GET /api/health/ready', expect: PUBLIC(200) },
  { route: 'GET /api/organizations', expect: PUBLIC(200) },
  {
    route: 'POST /api/organizations',
    request: () => ({ body: { name: `Org ${Math.random()}`, kind: 'ngo' } }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 201 },
  },
  {
    route: 'POST /api/auth/register',
    request: () => ({
      body: { email: `r${Math.random()}@example.org`, password: 'long enough password', displayName: 'R' },
    }),
    expect: PUBLIC(202),
  },
  {
    route: 'POST /api/auth/email-verification',
    request: () => ({ body: { email: `v${Math.random()}@example.org` } }),
    expect: PUBLIC(202),
  },
  {
    route: 'POST /api/auth/email-verification/confirm',
    request: () => ({ body: { token: 'not-a-real-confirmation-token' } }),
    expect: PUBLIC(400),
  },
  {
    route: 'POST /api/auth/login',
    request: () => ({ body: { email: 'nobody@example.org', password: 'wrong password' } }),
    expect: PUBLIC(401),
  },
  {
    route: 'POST /api/auth/refresh',
    request: () => ({ body: { refreshToken: 'not-a-real-refresh-token-xxxxxxxx' } }),
    expect: PUBLIC(401),
  },
  { route: 'POST /api/auth/logout', expect: ANY_USER(204) },
  // A reset answers the same for any address; confirming needs the emailed token, which nobody here holds.
  {
    route: 'POST /api/auth/password-reset',
    request: () => ({ body: { email: `pr${Math.random()}@example.org` } }),
    expect: PUBLIC(202),
  },
  // Creating the first admin needs the setup link's token: without it, nobody gets anywhere.
  {
    route: 'POST /api/setup',
    request: () => ({
      body: {
        token: 'not-a-real-setup-token-0123456789',
        email: 'x@example.org',
        displayName: 'X',
        password: 'saffron kettle moonlight',
      },
    }),
    expect: PUBLIC(400),
  },
  {
    route: 'POST /api/auth/password-reset/confirm',
    request: () => ({ body: { token: 'not-a-real-reset-token-0123456789', newPassword: 'saffron kettle moonlight' } }),
    expect: PUBLIC(400),
  },
  // The second sign-in step needs the challenge the password step answers: without one, nobody gets anywhere.
  {
    route: 'POST /api/auth/login/two-factor',
    request: () => ({ body: { challenge: 'not-a-real-login-challenge-0123456789', code: '123456' } }),
    expect: PUBLIC(401),
  },
  // Single sign-on: the sign-in screen's list and the browser's redirects are public (an organization without a
  // provider, and a callback without a sign-in, are redirects to the sign-in screen with an error code).
  { route: 'GET /api/auth/sso/providers', expect: PUBLIC(200) },
  {
    route: 'GET /api/auth/sso/:organizationId/start',
    request: () => ({ params: { organizationId: randomUUID() } }),
    expect: PUBLIC(302),
  },
  {
    route: 'GET /api/auth/sso/callback',
    request: () => ({ query: { code: 'not-a-code', state: 'not-a-state' } }),
    expect: PUBLIC(302),
  },
  // An organization's identity provider is the workspace admin's alone.
  {
    route: 'GET /api/organizations/:organizationId/identity-provider',
    request: () => ({ params: { organizationId: ssoOrganizations.configured } }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  {
    route: 'PUT /api/organizations/:organizationId/identity-provider',
    request: () => ({ params: { organizationId: ssoOrganizations.configured }, body: IDENTITY_PROVIDER }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  {
    route: 'DELETE /api/organizations/:organizationId/identity-provider',
    request: () => ({ params: { organizationId: ssoOrganizations.removable } }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 204 },
  },
  { route: 'GET /api/me', expect: ANY_USER(200) },
  // One's own sessions; another account's is the same 404 as none.
  { route: 'GET /api/me/sessions', expect: ANY_USER(200) },
  {
    route: 'DELETE /api/me/sessions/:sessionId',
    request: (s) => ({ params: { sessionId: s.targetSessionId } }),
    expect: ANY_USER(404),
  },
  // One's own second factor: nobody here has one on, so turning it off or new recovery codes is a 409.
  { route: 'GET /api/me/two-factor', expect: ANY_USER(200) },
  { route: 'POST /api/me/two-factor/setup', request: () => ({ body: { password: PASSWORD } }), expect: ANY_USER(200) },
  { route: 'POST /api/me/two-factor/enable', request: () => ({ body: { code: 'abc' } }), expect: ANY_USER(400) },
  {
    route: 'DELETE /api/me/two-factor',
    request: () => ({ body: { password: PASSWORD, code: '000000' } }),
    expect: ANY_USER(409),
  },
  {
    route: 'POST /api/me/two-factor/recovery-codes',
    request: () => ({ body: { code: '000000' } }),
    expect: ANY_USER(409),
  },
  // Who must use a second factor, and who may sign in at all: the workspace admin's.
  {
    route: 'GET /api/admin/settings/two-factor',
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  {
    route: 'GET /api/admin/settings/registration',
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  {
    route: 'PUT /api/admin/settings/two-factor',
    request: () => ({ body: { requireFor: [] } }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  {
    route: 'POST /api/admin/users/:userId/deactivate',
    request: (s) => ({ params: { userId: s.target.id } }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  {
    route: 'POST /api/admin/users/:userId/reactivate',
    request: (s) => ({ params: { userId: s.target.id } }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  { route: 'PATCH /api/me', request: () => ({ body: { locale: 'ar' } }), expect: ANY_USER(200) },
  // An account's organization is the admin's to set, never the account's own.
  {
    route: 'GET /api/users/organization-requests',
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  {
    route: 'PATCH /api/users/:userId/organization',
    request: (s) => ({ params: { userId: s.target.id }, body: { organizationId: null } }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  // An organization's people are its admins' and the workspace admin's (organization-people.e2e-spec has the
  // organization admin, the service account and the 200s of every route).
  {
    route: 'PUT /api/organizations/:organizationId/domains',
    request: (s) => ({ params: { organizationId: s.organizationId }, body: { domains: [] } }),
    expect: WORKSPACE_ADMIN(200),
  },
  {
    route: 'PATCH /api/organizations/:organizationId',
    request: (s) => ({ params: { organizationId: s.organizationId }, body: { country: 'JO' } }),
    expect: WORKSPACE_ADMIN(200),
  },
  {
    route: 'GET /api/organizations/:organizationId/members',
    request: (s) => ({ params: { organizationId: s.organizationId } }),
    expect: WORKSPACE_ADMIN(200),
  },
  {
    route: 'GET /api/organizations/:organizationId/requests',
    request: (s) => ({ params: { organizationId: s.organizationId } }),
    expect: WORKSPACE_ADMIN(200),
  },
  {
    route: 'POST /api/organizations/:organizationId/requests/:userId/approve',
    request: (s) => ({ params: { organizationId: s.organizationId, userId: s.newcomer.id } }),
    expect: WORKSPACE_ADMIN(200),
  },
  {
    route: 'DELETE /api/organizations/:organizationId/requests/:userId',
    request: (s) => ({ params: { organizationId: s.organizationId, userId: s.newcomer.id } }),
    expect: WORKSPACE_ADMIN(200),
  },
  {
    // The scene's target speaks for no organization: past the access check, the admin hears why it cannot.
    route: 'DELETE /api/organizations/:organizationId/members/:userId',
    request: (s) => ({ params: { organizationId: s.organizationId, userId: s.target.id } }),
    expect: WORKSPACE_ADMIN(409),
  },
  {
    route: 'PUT /api/organizations/:organizationId/admins/:userId',
    request: (s) => ({ params: { organizationId: s.organizationId, userId: s.target.id } }),
    expect: WORKSPACE_ADMIN(409),
  },
  {
    route: 'DELETE /api/organizations/:organizationId/admins/:userId',
    request: (s) => ({ params: { organizationId: s.organizationId, userId: s.target.id } }),
    expect: WORKSPACE_ADMIN(200),
  },
  { route: 'GET /api/groups', expect: ANY_USER(200) },
  { route: 'POST /api/groups', request: () => ({ body: { name: 'Another group' } }), expect: ANY_USER(201) },
  { route: 'GET /api/groups/:groupId', expect: READ },
  { route: 'PATCH /api/groups/:groupId', request: () => ({ body: { purpose: 'Changed' } }), expect: MANAGE(200) },
  { route: 'POST /api/groups/:groupId/archive', expect: MANAGE(200) },
  { route: 'POST /api/groups/:groupId/unarchive', expect: MANAGE(200) },
  { route: 'GET /api/groups/:groupId/members', expect: READ },
  {
    route: 'POST /api/groups/:groupId/members',
    request: (s) => ({ body: { userId: s.newcomer.id, role: 'member' } }),
    expect: MANAGE(201),
  },
  {
    route: 'PATCH /api/groups/:groupId/members/:userId',
    request: (s) => ({ params: { userId: s.target.id }, body: { role: 'observer' } }),
    expect: MANAGE(200),
  },
  {
    route: 'DELETE /api/groups/:groupId/members/:userId',
    request: (s) => ({ params: { userId: s.target.id } }),
    expect: MANAGE(204),
  },
  // The admin is not a member, so has nothing to leave; the sole facilitator may not leave.
  {
    route: 'POST /api/groups/:groupId/leave',
    expect: { anonymous: 401, outsider: 404, observer: 204, member: 204, facilitator: 409, admin: 403 },
  },
  { route: 'GET /api/groups/:groupId/invitations', expect: MANAGE(200) },
  {
    route: 'POST /api/groups/:groupId/invitations',
    request: () => ({ body: { email: 'invitee@example.org', role: 'member' } }),
    expect: MANAGE(201),
  },
  {
    route: 'DELETE /api/invitations/:invitationId',
    request: (s) => ({ params: { invitationId: s.invitationId } }),
    expect: MANAGE(200),
  },
  {
    route: 'POST /api/invitations/:invitationId/renew',
    request: (s) => ({ params: { invitationId: s.invitationId }, body: { sendEmail: false } }),
    expect: MANAGE(200),
  },
  // Anyone may accept an invitation addressed to them.
  // The link's token is the credential: an unknown one is the same 404 for everyone.
  {
    route: 'GET /api/invitations/:token',
    request: () => ({ params: { token: 'an-unknown-invitation-token-0123456789' } }),
    expect: PUBLIC(404),
  },
  {
    route: 'POST /api/invitations/:token/accept',
    request: (s) => ({ params: { token: s.invitationForActor } }),
    expect: ANY_USER(200),
  },
  { route: 'GET /api/groups/:groupId/audit', expect: MANAGE(200) },
  // API tokens: the group's facilitators and the admin; a token's service account is then an ordinary member.
  {
    route: 'POST /api/groups/:groupId/api-tokens',
    request: () => ({ body: { name: 'Integration', access: 'read' } }),
    expect: MANAGE(201),
  },
  { route: 'GET /api/groups/:groupId/api-tokens', expect: MANAGE(200) },
  {
    route: 'DELETE /api/api-tokens/:tokenId',
    request: (s) => ({ params: { tokenId: s.apiTokenId } }),
    expect: MANAGE(200),
  },
  { route: 'GET /api/groups/:groupId/events', request: () => ({ query: { after: '0' } }), expect: READ },
  { route: 'GET /api/notifications', expect: ANY_USER(200) },
  { route: 'GET /api/notifications/unread-count', expect: ANY_USER(200) },
  { route: 'POST /api/notifications/read', request: () => ({ body: { all: true } }), expect: ANY_USER(200) },
  { route: 'GET /api/groups/:groupId/notification-preference', expect: READ },
  // A preference is a member's own; the admin outside the group keeps none there.
  {
    route: 'PUT /api/groups/:groupId/notification-preference',
    request: () => ({ body: { level: 'none' } }),
    expect: { anonymous: 401, outsider: 404, observer: 200, member: 200, facilitator: 200, admin: 403 },
  },
  { route: 'GET /api/groups/:groupId/threads', expect: READ },
  {
    route: 'POST /api/groups/:groupId/threads',
    request: () => ({ body: { title: 'New thread', kind: 'discussion' } }),
    expect: WRITE(201),
  },
  { route: 'GET /api/threads/:threadId', request: (s) => ({ params: { threadId: s.threadId } }), expect: READ },
  // The member is the thread's author; others need to moderate.
  {
    route: 'PATCH /api/threads/:threadId',
    request: (s) => ({ params: { threadId: s.threadId }, body: { title: 'Renamed thread' } }),
    expect: { anonymous: 401, outsider: 404, observer: 403, member: 200, facilitator: 200, admin: 200 },
  },
  {
    route: 'PUT /api/threads/:threadId/read',
    request: (s) => ({ params: { threadId: s.threadId }, body: {} }),
    expect: READ,
  },
  {
    route: 'GET /api/threads/:threadId/messages',
    request: (s) => ({ params: { threadId: s.threadId } }),
    expect: READ,
  },
  {
    route: 'POST /api/threads/:threadId/messages',
    request: (s) => ({ params: { threadId: s.threadId }, body: { body: 'A reply' } }),
    expect: WRITE(201),
  },
  // Only the author edits a message; those who may read it are told so.
  {
    route: 'PATCH /api/messages/:messageId',
    request: (s) => ({ params: { messageId: s.messageId }, body: { body: 'Edited' } }),
    expect: { anonymous: 401, outsider: 404, observer: 403, member: 200, facilitator: 403, admin: 403 },
  },
  {
    route: 'DELETE /api/messages/:messageId',
    request: (s) => ({ params: { messageId: s.messageId } }),
    expect: { anonymous: 401, outsider: 404, observer: 403, member: 200, facilitator: 200, admin: 200 },
  },
  {
    route: 'GET /api/messages/:messageId/history',
    request: (s) => ({ params: { messageId: s.messageId } }),
    expect: READ,
  },
  {
    route: 'POST /api/messages/:messageId/reactions',
    request: (s) => ({ params: { messageId: s.messageId }, body: { emoji: '👍' } }),
    expect: WRITE(200),
  },
  {
    route: 'GET /api/threads/:threadId/positions',
    request: (s) => ({ params: { threadId: s.recommendationId } }),
    expect: READ,
  },
  {
    route: 'PUT /api/threads/:threadId/positions',
    request: (s) => ({ params: { threadId: s.recommendationId }, body: { position: 'endorse' } }),
    expect: WRITE(200),
  },
  {
    route: 'POST /api/threads/:threadId/outcome',
    request: (s) => ({ params: { threadId: s.recommendationId }, body: { outcome: 'adopted', statement: 'Agreed.' } }),
    expect: MANAGE(200),
  },
  { route: 'GET /api/search', request: () => ({ query: { q: 'hello' } }), expect: ANY_USER(200) },
  { route: 'GET /api/groups/:groupId/actions', expect: READ },
  {
    route: 'POST /api/groups/:groupId/actions',
    request: () => ({ body: { title: 'New action' } }),
    expect: MANAGE(201),
  },
  { route: 'GET /api/me/actions', expect: ANY_USER(200) },
  // Email: one's own settings; unsubscribing needs only the signed link; outgoing mail and jobs are the admin's.
  { route: 'GET /api/me/notification-settings', expect: ANY_USER(200) },
  {
    route: 'PUT /api/me/notification-settings',
    request: () => ({ body: { type: 'action.commented', delivery: 'digest' } }),
    expect: ANY_USER(200),
  },
  {
    route: 'PUT /api/me/notification-settings',
    request: (s) => ({ body: { type: 'action.commented', delivery: 'email', groupId: s.group.id } }),
    expect: { anonymous: 401, outsider: 404, observer: 200, member: 200, facilitator: 200, admin: 403 },
  },
  {
    route: 'GET /api/mail/unsubscribe',
    request: (s) => ({
      query: { token: signUnsubscribe(TEST_JWT_SECRET, { userId: s.target.id, type: 'action.commented' }) },
    }),
    expect: PUBLIC(200),
  },
  {
    route: 'POST /api/mail/unsubscribe',
    request: (s) => ({
      query: { token: signUnsubscribe(TEST_JWT_SECRET, { userId: s.target.id, type: 'action.commented' }) },
    }),
    expect: PUBLIC(200),
  },
  {
    route: 'POST /api/mail/unsubscribe',
    request: (s) => ({
      query: { token: `${signUnsubscribe(TEST_JWT_SECRET, { userId: s.target.id, type: 'digest' })}x` },
    }),
    expect: PUBLIC(400),
  },
  {
    route: 'GET /api/admin/outgoing-mail',
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  {
    route: 'GET /api/admin/outgoing-mail/:id/message',
    request: () => ({ params: { id: randomUUID() } }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 404 },
  },
  {
    route: 'POST /api/admin/jobs/:name/run',
    request: () => ({ params: { name: 'digest.tick' } }),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 202 },
  },
  {
    route: 'POST /api/admin/reviews/run',
    request: () => ({}),
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  { route: 'GET /api/actions/:actionId', request: (s) => ({ params: { actionId: s.actionId } }), expect: READ },
  // The member is the focal person; facilitators and the admin manage.
  {
    route: 'PATCH /api/actions/:actionId',
    request: (s) => ({ params: { actionId: s.actionId }, body: { version: 1, status: 'in-progress' } }),
    expect: { anonymous: 401, outsider: 404, observer: 403, member: 200, facilitator: 200, admin: 200 },
  },
  { route: 'GET /api/actions/:actionId/history', request: (s) => ({ params: { actionId: s.actionId } }), expect: READ },
  {
    route: 'GET /api/actions/:actionId/comments',
    request: (s) => ({ params: { actionId: s.actionId } }),
    expect: READ,
  },
  {
    route: 'POST /api/actions/:actionId/comments',
    request: (s) => ({ params: { actionId: s.actionId }, body: { body: 'A note' } }),
    expect: WRITE(201),
  },
  // Files. The upload here carries no multipart body: past the access check it is a 400 (file-missing).
  { route: 'POST /api/groups/:groupId/attachments', expect: WRITE(400) },
  { route: 'GET /api/groups/:groupId/attachments', expect: READ },
  {
    route: 'GET /api/attachments/:attachmentId',
    request: (s) => ({ params: { attachmentId: s.attachmentId } }),
    expect: READ,
  },
  {
    route: 'POST /api/attachments/links',
    request: (s) => ({ body: { ids: [s.attachmentId] } }),
    expect: READ,
  },
  // The member uploaded it; facilitators and the admin moderate.
  // Check-ins: the group reads them, facilitators schedule and stop them.
  { route: 'GET /api/groups/:groupId/check-ins', expect: READ },
  {
    route: 'POST /api/groups/:groupId/check-ins',
    request: (s) => ({ body: { actionItemId: s.actionId, everyDays: 14 } }),
    expect: MANAGE(201),
  },
  {
    route: 'DELETE /api/check-ins/:checkInId',
    request: (s) => ({ params: { checkInId: s.checkInId } }),
    expect: MANAGE(204),
  },
  {
    route: 'DELETE /api/attachments/:attachmentId',
    request: (s) => ({ params: { attachmentId: s.attachmentId } }),
    expect: { anonymous: 401, outsider: 404, observer: 403, member: 204, facilitator: 204, admin: 204 },
  },
  // A signed link is the only credential: a bad one is the same 404 for everyone.
  {
    route: 'GET /api/files/:token/:name',
    request: () => ({ params: { token: 'x.y', name: 'a.txt' } }),
    expect: PUBLIC(404),
  },
  { route: 'GET /api/groups/:groupId/actions.csv', expect: READ },
  { route: 'GET /api/groups/:groupId/report', expect: READ },
  { route: 'GET /api/groups/:groupId/progress', expect: READ },
  // Milestones and claims: the member is the focal person; facilitators and the admin manage.
  {
    route: 'GET /api/actions/:actionId/milestones',
    request: (s) => ({ params: { actionId: s.actionId } }),
    expect: READ,
  },
  {
    route: 'POST /api/actions/:actionId/milestones',
    request: (s) => ({ params: { actionId: s.actionId }, body: { title: 'A step' } }),
    expect: { anonymous: 401, outsider: 404, observer: 403, member: 201, facilitator: 201, admin: 201 },
  },
  {
    route: 'PATCH /api/milestones/:milestoneId',
    request: (s) => ({ params: { milestoneId: s.milestoneId }, body: { done: true } }),
    expect: { anonymous: 401, outsider: 404, observer: 403, member: 200, facilitator: 200, admin: 200 },
  },
  {
    route: 'DELETE /api/milestones/:milestoneId',
    request: (s) => ({ params: { milestoneId: s.milestoneId } }),
    expect: { anonymous: 401, outsider: 404, observer: 403, member: 204, facilitator: 204, admin: 204 },
  },
  { route: 'GET /api/actions/:actionId/claims', request: (s) => ({ params: { actionId: s.actionId } }), expect: READ },
  {
    route: 'POST /api/actions/:actionId/claims',
    request: (s) => ({ params: { actionId: s.actionId }, body: { percent: 50, body: 'Half done' } }),
    expect: { anonymous: 401, outsider: 404, observer: 403, member: 201, facilitator: 201, admin: 201 },
  },
  // The group has no verifier organization: facilitators and the admin decide; the member made the claim.
  {
    route: 'POST /api/claims/:claimId/verify',
    request: (s) => ({ params: { claimId: s.claimId } }),
    expect: MANAGE(200),
  },
  {
    route: 'POST /api/claims/:claimId/return',
    request: (s) => ({ params: { claimId: s.claimId }, body: { reason: 'No evidence' } }),
    expect: MANAGE(200),
  },
  {
    route: 'PUT /api/actions/:actionId/weight',
    request: (s) => ({ params: { actionId: s.actionId }, body: { weight: 2 } }),
    expect: MANAGE(200),
  },
  { route: 'GET /api/groups/:groupId/ledger', expect: READ },
  // An organization with no part in the group has no page in its ledger.
  {
    route: 'GET /api/groups/:groupId/ledger/:organizationId',
    request: (s) => ({ params: { organizationId: s.organizationId } }),
    expect: { anonymous: 401, outsider: 404, observer: 404, member: 404, facilitator: 404, admin: 404 },
  },
  {
    route: 'GET /api/threads/:threadId/timeline',
    request: (s) => ({ params: { threadId: s.recommendationId } }),
    expect: READ,
  },
  { route: 'GET /api/groups/:groupId/publication', expect: READ },
  {
    route: 'PUT /api/groups/:groupId/publication',
    request: () => ({ body: { visibility: 'unlisted' } }),
    expect: MANAGE(200),
  },
  { route: 'DELETE /api/groups/:groupId/publication', expect: MANAGE(204) },
  // Published pages need no sign-in; a token that was never published is the same 404 for everyone.
  { route: 'GET /api/public/progress', expect: PUBLIC(200) },
  {
    route: 'GET /api/public/progress/:token',
    request: () => ({ params: { token: 'A'.repeat(43) } }),
    expect: PUBLIC(404),
  },
  { route: 'GET /p/:token/widget', request: () => ({ params: { token: 'A'.repeat(43) } }), expect: PUBLIC(404) },
  { route: 'GET /api/groups/:groupId/progress.xlsx', expect: READ },
  // No workbook in the body: readers get as far as reading it (400); the rest are refused first.
  {
    route: 'POST /api/groups/:groupId/progress/import',
    request: () => ({ body: {} }),
    expect: { anonymous: 401, outsider: 404, observer: 400, member: 400, facilitator: 400, admin: 400 },
  },
  {
    route: 'GET /api/progress',
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
  {
    route: 'GET /api/report',
    expect: { anonymous: 401, outsider: 403, observer: 403, member: 403, facilitator: 403, admin: 200 },
  },
];

describe('authorization matrix', () => {
  let t: TestApp;
  let users: Record<Exclude<Actor, 'anonymous'>, TestUser>;
  let organizationId: string;

  beforeAll(async () => {
    // Every case builds its own scene, with a message by the member: far more than a person's per-minute budget.
    t = await createTestApp({ WRITE_RATE_LIMIT: '100000' });
    const admin = await createAdmin(t);
    const [facilitator, member, observer, outsider] = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
    await setupGroup(t, { facilitator: outsider }); // the outsider belongs to another group
    users = { admin, facilitator, member, observer, outsider };
    const organization = await t
      .http()
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: `Matrix organization ${randomUUID()}`, kind: 'ngo' })
      .expect(201);
    organizationId = organization.body.id;
    for (const key of ['configured', 'removable'] as const) {
      const organization = await createOrganization(t, admin);
      await t
        .http()
        .put(`/api/organizations/${organization.id}/identity-provider`)
        .set(admin.auth)
        .send(IDENTITY_PROVIDER)
        .expect(200);
      ssoOrganizations[key] = organization.id;
    }
  });
  afterAll(() => t.close());

  it('lists every route the app serves', () => {
    // A route may have several rows (one per kind of request); every route has at least one.
    expect(listRoutes(t.app)).toEqual([...new Set(MATRIX.map((row) => row.route))].sort());
  });

  /**
   * A read changes nothing a later row's answer depends on, so reads share one scene per actor; every write gets a
   * fresh one. A scene costs ~0.3 s, and the reads are 61 rows of 140: building one for each was a third of the
   * table's time. The two GETs that act (an unsubscribe link, an SSO callback) are writes here.
   */
  const readScenes = new Map<Actor, Promise<Scene>>();
  const ACTING_GETS = new Set(['GET /api/mail/unsubscribe', 'GET /api/auth/sso/callback']);
  function sceneFor(route: string, actor: Actor): Promise<Scene> {
    if (!route.startsWith('GET ') || ACTING_GETS.has(route)) return scene(actor);
    let shared = readScenes.get(actor);
    if (!shared) readScenes.set(actor, (shared = scene(actor)));
    return shared;
  }

  async function scene(actor: Actor): Promise<Scene> {
    const group = await setupGroup(t, {
      facilitator: users.facilitator,
      member: users.member,
      observer: users.observer,
    });
    const target = await registerUser(t);
    await addMember(t, group.id, users.facilitator, target, 'member');
    const newcomer = await registerUser(t, { requestedOrganizationId: organizationId });
    const invite = (email: string) =>
      t.http().post(`/api/groups/${group.id}/invitations`).set(users.facilitator.auth).send({ email, role: 'member' });
    const invitation = await invite('someone@example.org');
    const forActor = await invite(actor === 'anonymous' ? 'anonymous@example.org' : users[actor].email);
    const thread = await createThread(t, group.id, users.member);
    const recommendation = await createThread(t, group.id, users.member, {
      kind: 'recommendation',
      title: 'A proposal',
      proposal: 'Do it.',
    });
    const message = await postMessage(t, thread.id, users.member, 'hello');
    const action = await t
      .http()
      .post(`/api/groups/${group.id}/actions`)
      .set(users.facilitator.auth)
      .send({ title: 'Follow up', focalPersonId: users.member.id });
    const apiToken = await t
      .http()
      .post(`/api/groups/${group.id}/api-tokens`)
      .set(users.facilitator.auth)
      .send({ name: 'Scene token', access: 'read' });
    const file = await uploadFile(t, group.id, users.member, { bytes: Buffer.from('notes'), name: 'notes.txt' });
    await t.db.transaction((tx) =>
      t.app.get(AttachmentPlaces).claim(tx, users.member, group.id, [file.id], {
        place: 'message',
        messageId: message.message.id,
        threadId: thread.id,
      }),
    );
    // Straight into the database: two more requests in every one of the table's scenes would slow it for nothing.
    const [milestone]: { id: string }[] = await t.db.query(
      `INSERT INTO action_item_milestones (action_item_id, title, position) VALUES ($1, 'A step', 0) RETURNING id`,
      [action.body.id],
    );
    const [claim]: { id: string }[] = await t.db.query(
      `INSERT INTO progress_claims (action_item_id, percent, claimed_by) VALUES ($1, 40, $2) RETURNING id`,
      [action.body.id, users.member.id],
    );
    const [{ id: checkInId }]: { id: string }[] = await t.db.query(
      `INSERT INTO check_ins (group_id, action_item_id, every_days, next_date) VALUES ($1, $2, 14, current_date) RETURNING id`,
      [group.id, action.body.id],
    );
    const [targetSession]: { id: string }[] = await t.db.query(
      'SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL LIMIT 1',
      [target.id],
    );
    return {
      organizationId,
      apiTokenId: apiToken.body.id,
      targetSessionId: targetSession.id,
      group,
      target,
      newcomer,
      invitationId: invitation.body.id,
      invitationForActor: forActor.body.token,
      threadId: thread.id,
      recommendationId: recommendation.id,
      messageId: message.message.id,
      actionId: action.body.id,
      attachmentId: file.id,
      milestoneId: milestone.id,
      claimId: claim.id,
      checkInId,
    };
  }

  for (const row of MATRIX) {
    for (const actor of ACTORS) {
      it(`${row.route} as ${actor} → ${row.expect[actor]}`, async () => {
        const s = await sceneFor(row.route, actor);
        const { params = {}, query, body } = row.request?.(s) ?? {};
        const [method, template] = row.route.split(' ');
        const path = template.replace(
          /:(\w+)/g,
          (_, name: string) => params[name] ?? (name === 'groupId' ? s.group.id : `:${name}`),
        );
        const verb = method.toLowerCase() as 'get';
        let token = '';
        if (actor !== 'anonymous') {
          // Logout ends the session: give each request a fresh one so later rows are unaffected. Started as a
          // sign-in starts it (no password check: signing in is not what this table is about).
          const session = await t.db.transaction((tx) => t.app.get(AuthService).signIn(tx, users[actor].id, NO_CLIENT));
          token = session.accessToken;
        }
        const send = (to: string) => {
          const http = t.http();
          const req = http[verb](to).query(query ?? {});
          if (token) req.set('Authorization', `Bearer ${token}`);
          return body ? req.send(body) : req;
        };
        const res = await send(path);
        expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toMatchObject({
          status: row.expect[actor],
        });
        if (res.status >= 400)
          expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['error', 'message', 'statusCode']));
        // What is hidden answers exactly what is missing: the same request with every id unknown.
        if (actor === 'outsider' && res.status === 404) {
          const missing = await send(template.replace(/:(\w+)/g, () => randomUUID()));
          expect({ status: missing.status, body: missing.text }).toEqual({ status: 404, body: res.text });
        }
      });
    }
  }
});
