import fc from 'fast-check';
import { ROLES } from '../../src/access/permission';
import { PRIORITIES, SOURCE_TYPES } from '../../src/action-items/entities/action-item.entity';
import { ACTION_STATUSES } from '../../src/action-items/status-transitions';
import { NOTIFICATION_LEVELS } from '../../src/notifications/entities/notification-preference.entity';
import { ORGANIZATION_KINDS } from '../../src/organizations/entities/organization.entity';
import { POSITIONS } from '../../src/threads/entities/position.entity';
import { OUTCOMES, THREAD_KINDS } from '../../src/threads/entities/thread.entity';
import { SEARCH_KINDS } from '../../src/threads/dto/search.dto';
import { DIGEST_FREQUENCIES, LOCALES } from '../../src/users/entities/user.entity';
import { signUnsubscribe } from '../../src/mail/mail-tokens';
import { CONFIGURABLE_TYPES, DELIVERIES } from '../../src/notifications/notification-kinds';
import { TEST_JWT_SECRET } from '../support/test-app';
import { AttachmentPlaces } from '../../src/attachments/attachment-places';
import { FILE_KINDS } from '../../src/attachments/dto/attachment.dto';
import { uploadFile } from '../support/attachment-factories';
import { createGroup, PASSWORD, TestUser, uniqueEmail } from '../support/factories';
import { TestApp } from '../support/test-app';
import { edgeCursor, Fields, optional, required, text } from './fuzz-payloads';

/**
 * The REST fuzzer's table: every route the app serves, who sends it (a facilitator of the scene's group unless
 * the route is the admin's, public or about the caller's own session) and what its path parameters, query and body
 * accept when well-formed. The fuzzer derives every malformed variant from these; a route missing here fails it.
 */

export interface Users {
  admin: TestUser;
  facilitator: TestUser;
  member: TestUser;
  observer: TestUser;
  target: TestUser;
  newcomers: TestUser[];
  /** Edits their own profile: PATCH /api/me may change what the facilitator needs. */
  self: TestUser;
  /** Logs out over and over, logging in again after each success. */
  leaver: TestUser;
  /** Owns the refresh-token family the refresh route rotates. */
  refresher: TestUser;
}

export interface Scene {
  groupId: string;
  threadId: string;
  recommendationId: string;
  messageId: string;
  replyId: string;
  actionId: string;
  invitationId: string;
  /** An invitation for the facilitator into a group of someone else's. */
  inviteToken?: string;
  /** A token of the scene's group, for the route that revokes one. */
  apiTokenId?: string;
  organizationId: string;
  /** A file attached to the scene's message, for the routes about one file (made by attachFile). */
  attachmentId?: string;
  /** A milestone of the scene's action item (made by addMilestone). */
  milestoneId?: string;
  /** A pending claim of the member's on the scene's action item (made by addClaim). */
  claimId?: string;
  /** A check-in of the scene's action, for the route that stops one (made by scheduleCheckIn). */
  checkInId?: string;
}

export type Actor = 'facilitator' | 'admin' | 'self' | 'leaver' | 'public';

export interface RouteSpec {
  route: string;
  as: Actor;
  params?: (s: Scene, u: Users) => Record<string, string[]>;
  body?: (s: Scene, u: Users) => Fields;
  query?: (s: Scene, u: Users) => Record<string, fc.Arbitrary<string>>;
  headers?: Record<string, fc.Arbitrary<string>>;
  /** Puts the scene in the state the route acts on (an archived group to unarchive, an invitation to accept). */
  prepare?: (t: TestApp, s: Scene, u: Users) => Promise<void>;
}

/** A file the facilitator uploaded and attached to the scene's message, for the routes about one file. */
async function attachFile(t: TestApp, s: Scene, u: Users): Promise<void> {
  const file = await uploadFile(t, s.groupId, u.facilitator, { bytes: Buffer.from('notes'), name: 'notes.txt' });
  await t.db.transaction((tx) =>
    t.app.get(AttachmentPlaces).claim(tx, u.facilitator, s.groupId, [file.id], {
      place: 'message',
      messageId: s.messageId,
      threadId: s.threadId,
    }),
  );
  s.attachmentId = file.id;
}

/** A milestone on the scene's action item, for the routes about one milestone. */
async function addMilestone(t: TestApp, s: Scene): Promise<void> {
  const [row]: { id: string }[] = await t.db.query(
    `INSERT INTO action_item_milestones (action_item_id, title, position) VALUES ($1, 'A step', 0) RETURNING id`,
    [s.actionId],
  );
  s.milestoneId = row.id;
}

/** A pending claim by the member (the facilitator decides it: nobody decides their own), for the claim routes. */
async function addClaim(t: TestApp, s: Scene, u: Users): Promise<void> {
  const [row]: { id: string }[] = await t.db.query(
    `INSERT INTO progress_claims (action_item_id, percent, claimed_by) VALUES ($1, 40, $2) RETURNING id`,
    [s.actionId, u.member.id],
  );
  s.claimId = row.id;
}

/** A check-in of the scene's action, for the route that stops one. */
async function scheduleCheckIn(t: TestApp, s: Scene): Promise<void> {
  const [row]: { id: string }[] = await t.db.query(
    `INSERT INTO check_ins (group_id, action_item_id, every_days, next_date) VALUES ($1, $2, 14, current_date) RETURNING id`,
    [s.groupId, s.actionId],
  );
  s.checkInId = row.id;
}

const int = (min: number, max: number) => fc.integer({ min, max });
const intString = (min: number, max: number) => int(min, max).map(String);
const realOrUnknown = (...ids: string[]) => fc.oneof(fc.constantFrom(...ids), fc.uuid());
const objectives = fc.uniqueArray(int(1, 23), { maxLength: 5 });
// A report's period ends: real days, impossible ones and not days at all.
const reportDay = fc.oneof(
  fc.constantFrom('2026-01-01', '2026-02-30', '2026-13-01', '20260101', 'yesterday', ''),
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const day = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const messageBody = (u: Users) =>
  fc.oneof(
    text(1, 200),
    fc.constantFrom('**bold** _it_ `code`', '> quote\n\n- a\n- b', '[link](https://example.org)', '<b>raw</b>'),
    fc.constant(`<@${u.member.id}> please look`),
  );
// Cursors with every numeric and date edge (a hand-made cursor), not only the empty one.
const PAGE = { limit: intString(1, 100), cursor: fc.oneof(fc.constant(''), edgeCursor) };
export const REFRESH_TOKEN = '{{refreshToken}}';
/** A genuine unsubscribe link's token (the self user, one type), or garbage. */
const unsubscribeToken = (u: Users) =>
  fc.oneof(fc.constant(signUnsubscribe(TEST_JWT_SECRET, { userId: u.self.id, type: 'action.commented' })), text(0, 80));

/** The table: every route the app serves, who sends it, and what its parameters, query and body accept. */
export const ROUTES: RouteSpec[] = [
  { route: 'GET /api/health', as: 'public' },
  { route: 'GET /api/health/live', as: 'public' },
  { route: 'GET /api/health/ready', as: 'public' },
  { route: 'GET /api/organizations', as: 'public' },
  {
    route: 'POST /api/organizations',
    as: 'admin',
    body: () => ({
      name: required(text(2, 60)),
      kind: required(fc.constantFrom(...ORGANIZATION_KINDS)),
      country: optional(fc.constantFrom('IQ', 'jo', 'XX', 'US')),
    }),
  },
  {
    route: 'POST /api/auth/register',
    as: 'public',
    body: (s) => ({
      email: required(fc.uuid().map((id) => `fz-${id.slice(0, 13)}@example.org`)),
      password: required(fc.string({ minLength: 10, maxLength: 40 })),
      displayName: required(text(1, 60)),
      requestedOrganizationId: optional(realOrUnknown(s.organizationId)),
      locale: optional(fc.constantFrom(...LOCALES)),
    }),
  },
  {
    route: 'POST /api/auth/login',
    as: 'public',
    body: (_, u) => ({
      email: required(fc.constantFrom(u.facilitator.email, 'nobody@example.org')),
      password: required(fc.constantFrom(PASSWORD, 'wrong password 1')),
    }),
  },
  {
    route: 'POST /api/auth/refresh',
    as: 'public',
    // Optional since browsers refresh with the HttpOnly cookie and no body.
    body: () => ({ refreshToken: optional(fc.constantFrom(REFRESH_TOKEN, 'not-a-real-refresh-token-xxxxxxxx')) }),
  },
  { route: 'POST /api/auth/logout', as: 'leaver' },
  {
    route: 'POST /api/auth/password-reset',
    as: 'public',
    body: (_, u) => ({ email: required(fc.constantFrom(u.target.email, uniqueEmail('fz'), 'nobody@example.org')) }),
  },
  {
    route: 'POST /api/setup',
    as: 'public',
    body: () => ({
      token: required(fc.oneof(fc.base64String({ minLength: 16, maxLength: 64 }), text(0, 80))),
      email: required(fc.uuid().map((id) => `fz-admin-${id.slice(0, 13)}@example.org`)),
      displayName: required(text(1, 60)),
      password: required(fc.string({ minLength: 10, maxLength: 40 })),
      locale: optional(fc.constantFrom(...LOCALES)),
    }),
  },
  {
    route: 'POST /api/auth/email-verification',
    as: 'public',
    body: (_, u) => ({ email: required(fc.constantFrom(u.target.email, uniqueEmail('fz'), 'nobody@example.org')) }),
  },
  {
    route: 'POST /api/auth/email-verification/confirm',
    as: 'public',
    body: () => ({ token: required(fc.oneof(fc.base64String({ minLength: 16, maxLength: 64 }), text(0, 80))) }),
  },
  {
    route: 'POST /api/auth/password-reset/confirm',
    as: 'public',
    body: () => ({
      token: required(fc.oneof(fc.base64String({ minLength: 16, maxLength: 64 }), text(0, 80))),
      newPassword: required(fc.string({ minLength: 10, maxLength: 40 })),
    }),
  },
  {
    route: 'POST /api/auth/login/two-factor',
    as: 'public',
    body: () => ({
      challenge: required(fc.oneof(fc.base64String({ minLength: 16, maxLength: 64 }), text(0, 80))),
      code: optional(fc.oneof(fc.constantFrom('123456', '000 000'), text(0, 20))),
      recoveryCode: optional(fc.oneof(fc.constantFrom('abcd-efgh-ijkl-mnop'), text(0, 80))),
    }),
  },
  // Single sign-on: browser navigations, answered with a redirect whatever comes (the scene's organization has no
  // provider; unknown states and codes are refused), and the workspace admin's provider settings.
  { route: 'GET /api/auth/sso/providers', as: 'public' },
  {
    route: 'GET /api/auth/sso/:organizationId/start',
    as: 'public',
    params: (s) => ({ organizationId: [s.organizationId] }),
  },
  {
    route: 'GET /api/auth/sso/callback',
    as: 'public',
    query: () => ({
      code: text(0, 80),
      state: fc.oneof(fc.base64String({ minLength: 40, maxLength: 48 }), text(0, 80)),
      iss: fc.constantFrom('https://idp.example.org', 'http://127.0.0.1:1', ''),
      error: fc.constantFrom('access_denied', 'login_required', ''),
    }),
  },
  {
    route: 'GET /api/organizations/:organizationId/identity-provider',
    as: 'admin',
    params: (s) => ({ organizationId: [s.organizationId] }),
  },
  {
    route: 'PUT /api/organizations/:organizationId/identity-provider',
    as: 'admin',
    params: (s) => ({ organizationId: [s.organizationId] }),
    body: () => ({
      issuer: required(
        fc.constantFrom('https://idp.example.org', 'https://login.example.com/tenant/v2.0', 'http://idp.example.org'),
      ),
      clientId: required(text(1, 60)),
      clientSecret: optional(fc.oneof(text(1, 60), fc.constant(null))),
      allowedDomains: required(
        fc.uniqueArray(fc.constantFrom('iom.int', 'un.example', 'Example.ORG', '@mofa.gov.iq'), {
          minLength: 1,
          maxLength: 4,
        }),
      ),
      enabled: optional(fc.boolean()),
    }),
  },
  {
    route: 'DELETE /api/organizations/:organizationId/identity-provider',
    as: 'admin',
    params: (s) => ({ organizationId: [s.organizationId] }),
    prepare: async (t, s, u) => {
      await t
        .http()
        .put(`/api/organizations/${s.organizationId}/identity-provider`)
        .set(u.admin.auth)
        .send({ issuer: 'https://idp.example.org', clientId: 'tansiq', allowedDomains: ['iom.int'] })
        .expect(200);
    },
  },
  { route: 'GET /api/me', as: 'facilitator' },
  { route: 'GET /api/me/sessions', as: 'facilitator' },
  // As the leaver: should a case end its own session, it signs in again. No real session id is offered.
  { route: 'DELETE /api/me/sessions/:sessionId', as: 'leaver', params: (_, u) => ({ sessionId: [u.leaver.id] }) },
  { route: 'GET /api/me/two-factor', as: 'self' },
  {
    route: 'POST /api/me/two-factor/setup',
    as: 'self',
    body: () => ({ password: required(fc.constantFrom(PASSWORD, 'wrong password 1')) }),
  },
  {
    route: 'POST /api/me/two-factor/enable',
    as: 'self',
    body: () => ({ code: required(fc.oneof(fc.constantFrom('123456', '000000'), text(0, 20))) }),
  },
  {
    route: 'DELETE /api/me/two-factor',
    as: 'self',
    body: () => ({
      password: required(fc.constantFrom(PASSWORD, 'wrong password 1')),
      code: optional(fc.constantFrom('123456', '000000')),
      recoveryCode: optional(text(0, 80)),
    }),
  },
  {
    route: 'POST /api/me/two-factor/recovery-codes',
    as: 'self',
    body: () => ({ code: required(fc.oneof(fc.constantFrom('123456'), text(0, 20))) }),
  },
  { route: 'GET /api/admin/settings/two-factor', as: 'admin' },
  { route: 'GET /api/admin/settings/registration', as: 'admin' },
  // Only ever [] when well-formed: requiring it of admins or facilitators would lock the fuzzing actors out.
  {
    route: 'PUT /api/admin/settings/two-factor',
    as: 'admin',
    body: () => ({ requireFor: required(fc.constant([] as string[])) }),
  },
  {
    route: 'POST /api/admin/users/:userId/deactivate',
    as: 'admin',
    params: (_, u) => ({ userId: [u.newcomers[0].id] }),
  },
  {
    route: 'POST /api/admin/users/:userId/reactivate',
    as: 'admin',
    params: (_, u) => ({ userId: [u.newcomers[0].id] }),
  },
  {
    route: 'PATCH /api/me',
    as: 'self',
    body: (s) => ({
      displayName: optional(text(1, 60)),
      locale: optional(fc.constantFrom(...LOCALES)),
      requestedOrganizationId: optional(fc.oneof(realOrUnknown(s.organizationId), fc.constant(null))),
      newPassword: optional(fc.string({ minLength: 10, maxLength: 40 })),
      currentPassword: optional(fc.constant('not the current password')),
      timeZone: optional(fc.constantFrom('Africa/Cairo', 'Asia/Kolkata', 'UTC', 'Mars/Olympus', '../../etc/passwd')),
      weekendDays: optional(fc.uniqueArray(int(0, 8), { maxLength: 8 })),
      workStartHour: optional(int(-1, 25)),
      workEndHour: optional(int(-1, 25)),
      digest: optional(fc.constantFrom(...DIGEST_FREQUENCIES)),
      digestHour: optional(int(-1, 24)),
    }),
  },
  { route: 'GET /api/me/notification-settings', as: 'facilitator' },
  {
    route: 'PUT /api/me/notification-settings',
    as: 'facilitator',
    body: (s) => ({
      type: required(fc.constantFrom(...CONFIGURABLE_TYPES)),
      delivery: required(fc.constantFrom(...DELIVERIES, 'default')),
      groupId: optional(realOrUnknown(s.groupId)),
    }),
  },
  {
    route: 'GET /api/mail/unsubscribe',
    as: 'public',
    query: (_, u) => ({ token: unsubscribeToken(u) }),
  },
  {
    route: 'POST /api/mail/unsubscribe',
    as: 'public',
    query: (_, u) => ({ token: unsubscribeToken(u) }),
  },
  { route: 'GET /api/admin/outgoing-mail', as: 'admin', query: () => PAGE },
  {
    route: 'GET /api/admin/outgoing-mail/:id/message',
    as: 'admin',
    params: (s) => ({ id: [s.invitationId] }),
  },
  {
    route: 'POST /api/admin/jobs/:name/run',
    as: 'admin',
    params: () => ({ name: ['digest.tick', 'reminders.tick'] }),
  },
  { route: 'POST /api/admin/reviews/run', as: 'admin' },
  { route: 'GET /api/users/organization-requests', as: 'admin', query: () => PAGE },
  {
    route: 'PATCH /api/users/:userId/organization',
    as: 'admin',
    params: (_, u) => ({ userId: [u.target.id, u.observer.id] }),
    body: (s) => ({ organizationId: required(fc.oneof(realOrUnknown(s.organizationId), fc.constant(null))) }),
  },
  {
    route: 'PATCH /api/organizations/:organizationId',
    as: 'admin',
    params: (s) => ({ organizationId: [s.organizationId] }),
    body: () => ({
      name: optional(text(2, 60)),
      kind: optional(fc.constantFrom(...ORGANIZATION_KINDS)),
      country: optional(fc.constantFrom('IQ', 'jo', 'XX', 'US')),
    }),
  },
  {
    route: 'PUT /api/organizations/:organizationId/domains',
    as: 'admin',
    params: (s) => ({ organizationId: [s.organizationId] }),
    body: () => ({
      domains: required(
        fc.uniqueArray(fc.constantFrom('iom.int', 'Ministry.example.gov', '@un.org', 'not a domain', 'x', ''), {
          maxLength: 4,
        }),
      ),
    }),
  },
  ...(['members', 'requests'] as const).map((list) => ({
    route: `GET /api/organizations/:organizationId/${list}`,
    as: 'admin' as const,
    params: (s: Scene) => ({ organizationId: [s.organizationId] }),
    query: () => PAGE,
  })),
  ...[
    'POST /api/organizations/:organizationId/requests/:userId/approve',
    'DELETE /api/organizations/:organizationId/requests/:userId',
    'DELETE /api/organizations/:organizationId/members/:userId',
    'PUT /api/organizations/:organizationId/admins/:userId',
    'DELETE /api/organizations/:organizationId/admins/:userId',
  ].map((route) => ({
    route,
    as: 'admin' as const,
    params: (s: Scene, u: Users) => ({ organizationId: [s.organizationId], userId: [u.target.id, u.observer.id] }),
  })),
  { route: 'GET /api/groups', as: 'facilitator', query: () => PAGE },
  {
    route: 'POST /api/groups',
    as: 'facilitator',
    body: () => ({ name: required(text(2, 60)), purpose: optional(text(0, 200)), objectives: optional(objectives) }),
  },
  { route: 'GET /api/groups/:groupId', as: 'facilitator' },
  {
    route: 'PATCH /api/groups/:groupId',
    as: 'facilitator',
    body: (s) => ({
      name: optional(text(2, 60)),
      purpose: optional(text(0, 200)),
      objectives: optional(objectives),
      verifierOrganizationId: optional(fc.oneof(realOrUnknown(s.organizationId), fc.constant(null))),
    }),
  },
  { route: 'POST /api/groups/:groupId/archive', as: 'facilitator' },
  {
    route: 'POST /api/groups/:groupId/unarchive',
    as: 'facilitator',
    prepare: async (t, s, u) => {
      await t.http().post(`/api/groups/${s.groupId}/archive`).set(u.facilitator.auth).expect(200);
    },
  },
  { route: 'GET /api/groups/:groupId/members', as: 'facilitator', query: () => PAGE },
  {
    route: 'POST /api/groups/:groupId/members',
    as: 'facilitator',
    body: (_, u) => ({
      userId: required(realOrUnknown(...u.newcomers.map((n) => n.id), u.member.id)),
      role: required(fc.constantFrom(...ROLES)),
    }),
  },
  {
    route: 'PATCH /api/groups/:groupId/members/:userId',
    as: 'facilitator',
    params: (_, u) => ({ userId: [u.target.id, u.member.id, u.observer.id, u.facilitator.id] }),
    body: () => ({ role: required(fc.constantFrom(...ROLES)) }),
  },
  {
    route: 'DELETE /api/groups/:groupId/members/:userId',
    as: 'facilitator',
    params: (_, u) => ({ userId: [u.target.id, u.observer.id, u.facilitator.id] }),
  },
  { route: 'POST /api/groups/:groupId/leave', as: 'facilitator' },
  { route: 'GET /api/groups/:groupId/invitations', as: 'facilitator', query: () => PAGE },
  {
    route: 'POST /api/groups/:groupId/invitations',
    as: 'facilitator',
    body: () => ({
      email: required(fc.oneof(fc.constant(uniqueEmail('invitee')), fc.emailAddress())),
      role: required(fc.constantFrom(...ROLES)),
      expiresInDays: optional(int(1, 90)),
    }),
  },
  {
    route: 'DELETE /api/invitations/:invitationId',
    as: 'facilitator',
    params: (s) => ({ invitationId: [s.invitationId] }),
  },
  {
    route: 'POST /api/invitations/:invitationId/renew',
    as: 'facilitator',
    params: (s) => ({ invitationId: [s.invitationId] }),
    body: () => ({ sendEmail: optional(fc.boolean()) }),
  },
  {
    route: 'GET /api/invitations/:token',
    as: 'public',
    prepare: async (t, s, u) => {
      const res = await t
        .http()
        .post(`/api/groups/${s.groupId}/invitations`)
        .set(u.facilitator.auth)
        .send({ email: uniqueEmail('preview'), role: 'observer' })
        .expect(201);
      s.inviteToken = res.body.token;
    },
    params: (s) => ({ token: [s.inviteToken!] }),
  },
  {
    route: 'POST /api/invitations/:token/accept',
    as: 'facilitator',
    prepare: async (t, s, u) => {
      const other = await createGroup(t, u.member);
      const res = await t
        .http()
        .post(`/api/groups/${other.id}/invitations`)
        .set(u.member.auth)
        .send({ email: u.facilitator.email, role: 'member' })
        .expect(201);
      s.inviteToken = res.body.token;
    },
    params: (s) => ({ token: [s.inviteToken!] }),
  },
  { route: 'GET /api/groups/:groupId/audit', as: 'facilitator', query: () => PAGE },
  {
    route: 'POST /api/groups/:groupId/api-tokens',
    as: 'facilitator',
    body: () => ({
      name: required(text(1, 120)),
      access: required(fc.constantFrom('read', 'read-write')),
      groupIds: optional(fc.uniqueArray(fc.uuid(), { maxLength: 3 })),
    }),
  },
  { route: 'GET /api/groups/:groupId/api-tokens', as: 'facilitator' },
  {
    route: 'DELETE /api/api-tokens/:tokenId',
    as: 'facilitator',
    prepare: async (t, s, u) => {
      const res = await t
        .http()
        .post(`/api/groups/${s.groupId}/api-tokens`)
        .set(u.facilitator.auth)
        .send({ name: 'Fuzzed', access: 'read' })
        .expect(201);
      s.apiTokenId = res.body.id;
    },
    params: (s) => ({ tokenId: [s.apiTokenId!] }),
  },
  {
    route: 'GET /api/groups/:groupId/events',
    as: 'facilitator',
    query: () => ({
      after: fc.oneof(intString(0, 50), fc.constantFrom('9007199254740991', '9007199254740992', '3e9', '1e20')),
      limit: intString(1, 1000),
    }),
  },
  {
    route: 'GET /api/notifications',
    as: 'facilitator',
    query: () => ({ ...PAGE, unread: fc.constantFrom('true', 'false') }),
  },
  { route: 'GET /api/notifications/unread-count', as: 'facilitator' },
  {
    route: 'POST /api/notifications/read',
    as: 'facilitator',
    body: () => ({
      ids: optional(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 5 })),
      all: optional(fc.boolean()),
    }),
  },
  { route: 'GET /api/groups/:groupId/notification-preference', as: 'facilitator' },
  {
    route: 'PUT /api/groups/:groupId/notification-preference',
    as: 'facilitator',
    body: () => ({ level: required(fc.constantFrom(...NOTIFICATION_LEVELS)) }),
  },
  { route: 'GET /api/groups/:groupId/threads', as: 'facilitator', query: () => PAGE },
  {
    route: 'POST /api/groups/:groupId/threads',
    as: 'facilitator',
    body: (_, u) => ({
      title: required(text(3, 80)),
      kind: required(fc.constantFrom(...THREAD_KINDS)),
      proposal: optional(text(1, 200)),
      body: optional(messageBody(u)),
      objectives: optional(objectives),
    }),
  },
  {
    route: 'GET /api/threads/:threadId',
    as: 'facilitator',
    params: (s) => ({ threadId: [s.threadId, s.recommendationId] }),
  },
  {
    route: 'PATCH /api/threads/:threadId',
    as: 'facilitator',
    params: (s) => ({ threadId: [s.threadId, s.recommendationId] }),
    body: () => ({
      title: optional(text(3, 80)),
      pinned: optional(fc.boolean()),
      status: optional(fc.constantFrom('open', 'resolved')),
      proposal: optional(text(1, 200)),
      objectives: optional(objectives),
    }),
  },
  {
    route: 'PUT /api/threads/:threadId/read',
    as: 'facilitator',
    params: (s) => ({ threadId: [s.threadId] }),
    body: (s) => ({ messageId: optional(realOrUnknown(s.messageId, s.replyId)) }),
  },
  {
    route: 'GET /api/threads/:threadId/messages',
    as: 'facilitator',
    params: (s) => ({ threadId: [s.threadId] }),
    query: (s) => ({
      before: realOrUnknown(s.messageId, s.replyId),
      after: realOrUnknown(s.messageId),
      around: realOrUnknown(s.replyId),
      limit: intString(1, 100),
    }),
  },
  {
    route: 'POST /api/threads/:threadId/messages',
    as: 'facilitator',
    params: (s) => ({ threadId: [s.threadId] }),
    body: (s, u) => ({
      body: required(messageBody(u)),
      parentId: optional(realOrUnknown(s.messageId, s.replyId)),
      clientId: optional(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/)),
    }),
  },
  {
    route: 'PATCH /api/messages/:messageId',
    as: 'facilitator',
    params: (s) => ({ messageId: [s.messageId] }),
    body: (_, u) => ({ body: required(messageBody(u)) }),
  },
  {
    route: 'DELETE /api/messages/:messageId',
    as: 'facilitator',
    params: (s) => ({ messageId: [s.messageId, s.replyId] }),
  },
  {
    route: 'GET /api/messages/:messageId/history',
    as: 'facilitator',
    params: (s) => ({ messageId: [s.messageId, s.replyId] }),
  },
  {
    route: 'POST /api/messages/:messageId/reactions',
    as: 'facilitator',
    params: (s) => ({ messageId: [s.messageId, s.replyId] }),
    body: () => ({ emoji: required(fc.constantFrom('👍', '🎉', '❤️', '👨‍👩‍👧', '🏳️‍🌈')) }),
  },
  {
    route: 'GET /api/threads/:threadId/positions',
    as: 'facilitator',
    params: (s) => ({ threadId: [s.recommendationId, s.threadId] }),
  },
  {
    route: 'PUT /api/threads/:threadId/positions',
    as: 'facilitator',
    params: (s) => ({ threadId: [s.recommendationId] }),
    body: () => ({ position: required(fc.constantFrom(...POSITIONS)), reason: optional(text(0, 200)) }),
  },
  {
    route: 'POST /api/threads/:threadId/outcome',
    as: 'facilitator',
    params: (s) => ({ threadId: [s.recommendationId] }),
    body: () => ({
      outcome: required(fc.constantFrom(...OUTCOMES)),
      statement: required(text(1, 200)),
      reviewDate: optional(day),
    }),
  },
  {
    route: 'GET /api/search',
    as: 'facilitator',
    query: (s, u) => ({
      q: text(1, 40),
      groupId: realOrUnknown(s.groupId),
      kind: fc.constantFrom(...SEARCH_KINDS),
      authorId: realOrUnknown(u.member.id),
      from: fc.oneof(
        day,
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
      to: day,
      limit: intString(1, 50),
    }),
  },
  {
    route: 'GET /api/groups/:groupId/actions',
    as: 'facilitator',
    query: (s, u) => ({
      ...PAGE,
      status: fc.constantFrom(...ACTION_STATUSES),
      leadOrganizationId: realOrUnknown(s.organizationId),
      focalPersonId: realOrUnknown(u.member.id),
      overdue: fc.constantFrom('true', 'false'),
      dueBefore: day,
      sourceId: realOrUnknown(s.recommendationId),
      objective: intString(1, 23),
      sort: fc.constantFrom('due', 'created'),
    }),
  },
  {
    route: 'POST /api/groups/:groupId/actions',
    as: 'facilitator',
    body: (s, u) => ({
      title: required(text(3, 80)),
      description: optional(text(0, 200)),
      sourceType: optional(fc.constantFrom(...SOURCE_TYPES)),
      sourceId: optional(realOrUnknown(s.recommendationId, s.messageId)),
      leadOrganizationId: optional(realOrUnknown(s.organizationId)),
      supportingOrganizationIds: optional(fc.uniqueArray(realOrUnknown(s.organizationId), { maxLength: 3 })),
      focalPersonId: optional(realOrUnknown(u.member.id, u.facilitator.id)),
      dueDate: optional(day),
      priority: optional(fc.constantFrom(...PRIORITIES)),
      objectives: optional(objectives),
    }),
  },
  { route: 'GET /api/me/actions', as: 'facilitator', query: () => PAGE },
  { route: 'GET /api/actions/:actionId', as: 'facilitator', params: (s) => ({ actionId: [s.actionId] }) },
  {
    route: 'PATCH /api/actions/:actionId',
    as: 'facilitator',
    params: (s) => ({ actionId: [s.actionId] }),
    headers: {
      'If-Match': fc.oneof(
        int(1, 5).map((n) => `"${n}"`),
        fc.string({ maxLength: 40 }),
      ),
    },
    body: (s, u) => ({
      version: optional(int(1, 5)),
      title: optional(text(3, 80)),
      description: optional(text(0, 200)),
      leadOrganizationId: optional(fc.oneof(realOrUnknown(s.organizationId), fc.constant(null))),
      supportingOrganizationIds: optional(fc.uniqueArray(realOrUnknown(s.organizationId), { maxLength: 3 })),
      focalPersonId: optional(fc.oneof(realOrUnknown(u.member.id), fc.constant(null))),
      dueDate: optional(fc.oneof(day, fc.constant(null))),
      priority: optional(fc.constantFrom(...PRIORITIES)),
      objectives: optional(objectives),
      status: optional(fc.constantFrom(...ACTION_STATUSES)),
      statusReason: optional(text(1, 100)),
    }),
  },
  { route: 'GET /api/actions/:actionId/history', as: 'facilitator', params: (s) => ({ actionId: [s.actionId] }) },
  { route: 'GET /api/actions/:actionId/comments', as: 'facilitator', params: (s) => ({ actionId: [s.actionId] }) },
  {
    route: 'POST /api/actions/:actionId/comments',
    as: 'facilitator',
    params: (s) => ({ actionId: [s.actionId] }),
    body: (_, u) => ({ body: required(messageBody(u)), kind: optional(fc.constantFrom('comment', 'progress')) }),
  },
  // The upload is multipart: every JSON body the fuzzer makes is a 400 (file-missing), never a stored file.
  { route: 'POST /api/groups/:groupId/attachments', as: 'facilitator', body: () => ({ file: optional(text(0, 50)) }) },
  {
    route: 'GET /api/groups/:groupId/attachments',
    as: 'facilitator',
    query: (s, u) => ({
      kind: fc.constantFrom(...FILE_KINDS),
      threadId: realOrUnknown(s.threadId),
      actionItemId: realOrUnknown(s.actionId),
      uploaderId: realOrUnknown(u.facilitator.id),
      q: text(0, 40),
      before: edgeCursor,
      limit: intString(1, 100),
    }),
  },
  {
    route: 'GET /api/attachments/:attachmentId',
    as: 'facilitator',
    prepare: attachFile,
    params: (s) => ({ attachmentId: [s.attachmentId!] }),
  },
  {
    route: 'POST /api/attachments/links',
    as: 'facilitator',
    prepare: attachFile,
    body: (s) => ({
      ids: required(fc.uniqueArray(realOrUnknown(s.attachmentId!), { minLength: 1, maxLength: 3 })),
      variant: optional(fc.constantFrom('file', 'thumbnail')),
    }),
  },
  { route: 'GET /api/groups/:groupId/check-ins', as: 'facilitator' },
  {
    route: 'POST /api/groups/:groupId/check-ins',
    as: 'facilitator',
    body: (s) => ({
      actionItemId: optional(realOrUnknown(s.actionId)),
      organizationId: optional(realOrUnknown(s.organizationId)),
      everyDays: required(int(1, 365)),
      firstDate: optional(day),
    }),
  },
  {
    route: 'DELETE /api/check-ins/:checkInId',
    as: 'facilitator',
    prepare: scheduleCheckIn,
    params: (s) => ({ checkInId: [s.checkInId!] }),
  },
  {
    route: 'DELETE /api/attachments/:attachmentId',
    as: 'facilitator',
    prepare: attachFile,
    params: (s) => ({ attachmentId: [s.attachmentId!] }),
  },
  {
    route: 'GET /api/files/:token/:name',
    as: 'public',
    params: () => ({ token: ['x.y', 'eyJhIjoiYSJ9.c2ln'], name: ['a.txt', 'تقرير.pdf'] }),
  },
  { route: 'GET /api/groups/:groupId/actions.csv', as: 'facilitator' },
  {
    route: 'GET /api/groups/:groupId/report',
    as: 'facilitator',
    query: () => ({ format: fc.constantFrom('json', 'csv'), from: reportDay, to: reportDay }),
  },
  {
    route: 'GET /api/report',
    as: 'admin',
    query: () => ({ format: fc.constantFrom('json', 'csv'), from: reportDay, to: reportDay }),
  },
  { route: 'GET /api/groups/:groupId/progress', as: 'facilitator' },
  { route: 'GET /api/actions/:actionId/milestones', as: 'facilitator', params: (s) => ({ actionId: [s.actionId] }) },
  {
    route: 'POST /api/actions/:actionId/milestones',
    as: 'facilitator',
    params: (s) => ({ actionId: [s.actionId] }),
    body: () => ({ title: required(text(1, 300)), dueDate: optional(fc.oneof(day, fc.constant(null))) }),
  },
  {
    route: 'PATCH /api/milestones/:milestoneId',
    as: 'facilitator',
    prepare: addMilestone,
    params: (s) => ({ milestoneId: [s.milestoneId!] }),
    body: () => ({
      title: optional(text(1, 300)),
      dueDate: optional(fc.oneof(day, fc.constant(null))),
      done: optional(fc.boolean()),
    }),
  },
  {
    route: 'DELETE /api/milestones/:milestoneId',
    as: 'facilitator',
    prepare: addMilestone,
    params: (s) => ({ milestoneId: [s.milestoneId!] }),
  },
  { route: 'GET /api/actions/:actionId/claims', as: 'facilitator', params: (s) => ({ actionId: [s.actionId] }) },
  {
    route: 'POST /api/actions/:actionId/claims',
    as: 'facilitator',
    params: (s) => ({ actionId: [s.actionId] }),
    body: (_, u) => ({ percent: required(int(0, 100)), body: required(messageBody(u)) }),
  },
  {
    route: 'POST /api/claims/:claimId/verify',
    as: 'facilitator',
    prepare: addClaim,
    params: (s) => ({ claimId: [s.claimId!] }),
  },
  {
    route: 'POST /api/claims/:claimId/return',
    as: 'facilitator',
    prepare: addClaim,
    params: (s) => ({ claimId: [s.claimId!] }),
    body: () => ({ reason: required(text(1, 2000)) }),
  },
  {
    route: 'PUT /api/actions/:actionId/weight',
    as: 'facilitator',
    params: (s) => ({ actionId: [s.actionId] }),
    body: () => ({ weight: required(int(0, 100)) }),
  },
  { route: 'GET /api/groups/:groupId/ledger', as: 'facilitator' },
  {
    route: 'GET /api/groups/:groupId/ledger/:organizationId',
    as: 'facilitator',
    params: (s) => ({ organizationId: [s.organizationId] }),
  },
  {
    route: 'GET /api/threads/:threadId/timeline',
    as: 'facilitator',
    params: (s) => ({ threadId: [s.recommendationId, s.threadId] }),
  },
  { route: 'GET /api/progress', as: 'admin' },
  { route: 'GET /api/groups/:groupId/publication', as: 'facilitator' },
  {
    route: 'PUT /api/groups/:groupId/publication',
    as: 'facilitator',
    body: () => ({ visibility: required(fc.oneof(fc.constantFrom('unlisted', 'public'), text(0, 20))) }),
  },
  { route: 'DELETE /api/groups/:groupId/publication', as: 'facilitator' },
  { route: 'GET /api/public/progress', as: 'public' },
  {
    route: 'GET /api/public/progress/:token',
    as: 'public',
    params: () => ({ token: ['x', 'A'.repeat(43), 'ü'.repeat(43)] }),
  },
  {
    route: 'GET /p/:token/widget',
    as: 'public',
    params: () => ({ token: ['x', 'A'.repeat(43)] }),
    query: () => ({ lang: fc.oneof(fc.constantFrom('en', 'ar'), text(0, 10)) }),
  },
  {
    route: 'GET /api/groups/:groupId/progress.xlsx',
    as: 'facilitator',
    query: () => ({ lang: fc.oneof(fc.constantFrom('en', 'ar'), text(0, 10)) }),
  },
  {
    route: 'POST /api/groups/:groupId/progress/import',
    as: 'facilitator',
    // The body is a workbook's bytes; JSON of any shape is no workbook (400).
    body: () => ({ file: optional(text(0, 20)) }),
    query: () => ({ mode: fc.oneof(fc.constantFrom('preview', 'apply'), text(0, 10)) }),
  },
];

export const PUBLIC_ROUTES = new Set([
  'GET /api/files/:token/:name',
  'GET /api/public/progress',
  'GET /api/public/progress/:token',
  'GET /p/:token/widget',
  'GET /api/invitations/:token',
  'GET /api/mail/unsubscribe',
  'POST /api/mail/unsubscribe',
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'GET /api/organizations',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/login/two-factor',
  'POST /api/auth/refresh',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  'POST /api/auth/email-verification',
  'POST /api/auth/email-verification/confirm',
  'POST /api/setup',
  'GET /api/auth/sso/providers',
  'GET /api/auth/sso/:organizationId/start',
  'GET /api/auth/sso/callback',
]);
