import { randomBytes } from 'node:crypto';
import type { NotificationDto } from '../../src/notifications/dto/notification.dto';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import type { RegisterDto } from '../../src/auth/dto/register.dto';
import { EmailVerificationService } from '../../src/auth/email-verification.service';
import { hashPassword } from '../../src/auth/password';
import { totpCode } from '../../src/two-factor/totp';
import { WorkspaceSetupService } from '../../src/users/workspace-setup.service';
import { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery';

export interface TestUser {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${counter}.${randomBytes(3).toString('hex')}@example.org`;
}

/**
 * A confirmed account, signed in: made by the service the demo seed uses (one password hash, no request, no
 * confirmation email to send), since thousands of tests need one. Registering through the API, the emailed link and
 * signing in are tested as such (auth, email-verification, emailed-links in the browser).
 */
/** PASSWORD hashed once per test file: an account's hash and strength check are most of what making one costs. */
let passwordHash: Promise<string> | undefined;

export async function registerUser(t: TestApp, overrides: Record<string, unknown> = {}): Promise<TestUser> {
  const email = ((overrides.email as string) ?? uniqueEmail()).toLowerCase();
  const dto = { password: PASSWORD, displayName: 'Test User', ...overrides, email } as RegisterDto;
  const auth = t.app.get(AuthService);
  const answer =
    dto.password === PASSWORD
      ? await auth.createAccountWithHash(dto, await (passwordHash ??= hashPassword(PASSWORD)))
      : await auth.createAccount(dto);
  return {
    id: answer.user.id,
    email: answer.user.email,
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken!,
    auth: { Authorization: `Bearer ${answer.accessToken}` },
  };
}

/** Follows a confirmation link for the (unconfirmed) account at this address, as its owner would from the email. */
export async function confirmEmail(t: TestApp, email: string): Promise<void> {
  const source = t.app.get(DataSource);
  const [account]: { id: string }[] = await source.query('SELECT id FROM users WHERE email = $1', [email]);
  if (!account) throw new Error(`no account at ${email}`);
  const token = await source.transaction((tx) => t.app.get(EmailVerificationService).newToken(tx, account.id));
  const res = await t.http().post('/api/auth/email-verification/confirm').send({ token });
  if (res.status !== 204) throw new Error(`confirming ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Makes a signed-in account unconfirmed, as every account made before addresses were confirmed is after the
 * migration (still signed in, its address unproven): the only way a session of an unconfirmed account exists.
 */
export async function unconfirm(t: TestApp, user: TestUser): Promise<void> {
  await t.app.get(DataSource).query('UPDATE users SET email_verified_at = NULL WHERE id = $1', [user.id]);
}

export async function signIn(t: TestApp, email: string, password = PASSWORD): Promise<TestUser> {
  const login = await t.http().post('/api/auth/login').send({ email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return {
    id: login.body.user.id,
    email: login.body.user.email,
    accessToken: login.body.accessToken,
    refreshToken: login.body.refreshToken,
    auth: { Authorization: `Bearer ${login.body.accessToken}` },
  };
}

/**
 * The workspace admin, made as a real workspace makes its first one: with the setup link's token (issued as a start
 * of the server issues it, then sent to POST /api/setup), then signing in. Once per app: the link makes one admin.
 */
export async function createAdmin(t: TestApp, overrides: Record<string, unknown> = {}): Promise<TestUser> {
  const token = await t.app.get(WorkspaceSetupService).issueIfNoAdmin();
  if (!token) throw new Error('this app already has a workspace admin');
  const email = (overrides.email as string) ?? uniqueEmail('admin');
  const res = await t
    .http()
    .post('/api/setup')
    .send({ token, email, password: PASSWORD, displayName: 'Workspace Admin', ...overrides });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return signIn(t, email);
}

export async function createOrganization(t: TestApp, admin: TestUser, name = `Org ${randomBytes(3).toString('hex')}`) {
  const res = await t.http().post('/api/organizations').set(admin.auth).send({ name, kind: 'ngo', country: 'IQ' });
  if (res.status !== 201) throw new Error(`organization failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string };
}

/** The workspace admin grants a user an organization: the only way an account gets one. */
export async function affiliate(t: TestApp, admin: TestUser, user: TestUser, organizationId: string | null) {
  const res = await t.http().patch(`/api/users/${user.id}/organization`).set(admin.auth).send({ organizationId });
  if (res.status !== 200) throw new Error(`affiliation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; organization: { id: string; name: string } | null };
}

export interface TestGroup {
  id: string;
  facilitator: TestUser;
  member: TestUser;
  observer: TestUser;
}

export async function createGroup(t: TestApp, facilitator: TestUser, name = `Group ${randomBytes(3).toString('hex')}`) {
  const res = await t
    .http()
    .post('/api/groups')
    .set(facilitator.auth)
    .send({ name, purpose: 'Testing', objectives: [1, 23] });
  if (res.status !== 201) throw new Error(`group failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; lastSeq: number };
}

export async function addMember(t: TestApp, groupId: string, by: TestUser, user: TestUser, role: string) {
  const res = await t.http().post(`/api/groups/${groupId}/members`).set(by.auth).send({ userId: user.id, role });
  if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A group with one user in each role. Pass users to reuse them across groups. */
export async function setupGroup(
  t: TestApp,
  users: Partial<Pick<TestGroup, 'facilitator' | 'member' | 'observer'>> = {},
): Promise<TestGroup> {
  const facilitator = users.facilitator ?? (await registerUser(t));
  const member = users.member ?? (await registerUser(t));
  const observer = users.observer ?? (await registerUser(t));
  const group = await createGroup(t, facilitator);
  await addMember(t, group.id, facilitator, member, 'member');
  await addMember(t, group.id, facilitator, observer, 'observer');
  return { id: group.id, facilitator, member, observer };
}

export async function createThread(t: TestApp, groupId: string, by: TestUser, overrides: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post(`/api/groups/${groupId}/threads`)
    .set(by.auth)
    .send({ title: 'A discussion', kind: 'discussion', ...overrides });
  if (res.status !== 201) throw new Error(`thread failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; groupId: string; kind: string };
}

export async function postMessage(
  t: TestApp,
  threadId: string,
  by: TestUser,
  body: string,
  extra: Record<string, unknown> = {},
) {
  const res = await t
    .http()
    .post(`/api/threads/${threadId}/messages`)
    .set(by.auth)
    .send({ body, ...extra });
  if (res.status !== 201) throw new Error(`message failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { message: { id: string; seq: number; bodyHtml: string; mentions: string[] }; seq: number };
}

/** The user's stored notifications, newest first (the first page). */
export async function notificationsOf(t: TestApp, user: TestUser): Promise<NotificationDto[]> {
  return (await t.http().get('/api/notifications').set(user.auth)).body.items as NotificationDto[];
}

/**
 * Waits until the current 30-second TOTP step has at least 5 s left, so a code computed here for a step is judged
 * by the server in that same step (codes are accepted one step either side, not two).
 */
export async function awayFromStepEdge(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() % 30_000 > 25_000) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a TOTP step to begin');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The authenticator app: the code of the step `offset` steps from now (-1 the last, +1 the next). */
export function appCode(secret: string, offset = 0): string {
  return totpCode(secret, Date.now() + offset * 30_000);
}

export interface TwoFactorEnrolment {
  secret: string;
  recoveryCodes: string[];
}

/**
 * Sets up and turns on two-factor authentication as a person does, confirming with the previous step's code: the
 * current and next steps' codes stay unused for the test's sign-ins.
 */
export async function enableTwoFactor(t: TestApp, user: TestUser): Promise<TwoFactorEnrolment> {
  await awayFromStepEdge();
  const setup = await t.http().post('/api/me/two-factor/setup').set(user.auth).send({ password: PASSWORD });
  if (setup.status !== 200) throw new Error(`2FA setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const secret: string = setup.body.secret;
  const enable = await t
    .http()
    .post('/api/me/two-factor/enable')
    .set(user.auth)
    .send({ code: appCode(secret, -1) });
  if (enable.status !== 200) throw new Error(`2FA enable failed: ${enable.status} ${JSON.stringify(enable.body)}`);
  return { secret, recoveryCodes: enable.body.recoveryCodes };
}

/**
 * Messages written straight into the database, in order, `minutesApart` apart ending now: a corpus of hundreds
 * without the API's per-member write limit. PostgreSQL fills their search vectors as it does for the API's.
 */
export async function insertMessages(
  t: TestApp,
  thread: { id: string; groupId: string },
  author: TestUser,
  bodies: string[],
): Promise<string[]> {
  const rows: { id: string }[] = await t.db.query(
    `WITH bumped AS (UPDATE working_groups SET last_seq = last_seq + $5 WHERE id = $2 RETURNING last_seq - $5 AS last)
     INSERT INTO messages (thread_id, group_id, seq, author_id, body, body_html, created_at)
     SELECT $1, $2, bumped.last + i, $4, body, '<p>seeded</p>', now() - (($5::int - i) * interval '1 minute')
       FROM unnest($3::text[]) WITH ORDINALITY AS b(body, i), bumped
      ORDER BY i
     RETURNING id`,
    [thread.id, thread.groupId, bodies, author.id, bodies.length],
  );
  await t.db.query('UPDATE threads SET message_count = message_count + $2 WHERE id = $1', [thread.id, bodies.length]);
  return rows.map((row) => row.id);
}

/**
 * A file the user has uploaded to the group and not attached yet (status 'pending'), written straight into the
 * database: its id is what a write's attachmentIds names. Stands in for `POST /api/groups/:groupId/attachments`
 * (the upload) until that endpoint is in this branch; no bytes are stored.
 */
export async function pendingAttachment(
  t: TestApp,
  user: TestUser,
  groupId: string,
  name = 'notes.pdf',
  contentType = 'application/pdf',
): Promise<string> {
  const [row]: { id: string }[] = await t.db.query(
    `INSERT INTO attachments (id, group_id, uploader_id, name, content_type, size, sha256, storage, status)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, 1234, repeat('0', 64), 'postgres', 'pending') RETURNING id`,
    [groupId, user.id, name, contentType],
  );
  return row.id;
}
