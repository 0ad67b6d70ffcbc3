import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** REST set-up for browser tests: users, groups, threads, messages and action items made over the real API. */

export const PASSWORD = 'correct horse battery staple';

export function baseUrl(): string {
  const url = process.env.BROWSER_TEST_URL;
  if (!url) throw new Error('BROWSER_TEST_URL is not set: run through test/browser/jest.config.js');
  return url;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  token: string;
}

async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}/api${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

let counter = 0;
export async function registerUser(displayName: string, extra: Record<string, unknown> = {}): Promise<User> {
  counter += 1;
  const email = `browser.${counter}.${randomBytes(4).toString('hex')}@example.org`;
  await call('POST', '/auth/register', null, { email, password: PASSWORD, displayName, locale: 'en', ...extra });
  await confirmAddress(email);
  return login(email, displayName);
}

/**
 * Marks the address confirmed in the server's database, as following the emailed link would: set-up for tests about
 * other screens (the link itself is tested end to end in e2e/email-verification).
 */
export async function confirmAddress(email: string): Promise<void> {
  const client = new Client({ connectionString: process.env.BROWSER_TEST_DATABASE_URL });
  await client.connect();
  try {
    const done = await client.query('UPDATE users SET email_verified_at = now() WHERE email = $1', [email]);
    if (done.rowCount !== 1) throw new Error(`no account at ${email}`);
  } finally {
    await client.end();
  }
}

/** The token of the one-time setup link a server prints at start while it has no admin (waits for the line). */
export async function setupToken(output: () => string): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const found = /\/setup\/([A-Za-z0-9_-]+)/.exec(output());
    if (found) return found[1];
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the server printed no setup link:\n${output()}`);
}

/** Signs in over the API: a user made another way (a browser form) gets a token for the set-up calls. */
export async function login(email: string, displayName: string): Promise<User> {
  const answer = await call<{ user: { id: string }; accessToken: string }>('POST', '/auth/login', null, {
    email,
    password: PASSWORD,
  });
  return { id: answer.user.id, email, displayName, token: answer.accessToken };
}

/** The workspace admin, created as an operator would: with the printed setup link's token, then signed in. */
export async function createAdmin(token: string, displayName: string): Promise<User> {
  counter += 1;
  const email = `admin.${counter}.${randomBytes(4).toString('hex')}@example.org`;
  const admin = await call<{ id: string }>('POST', '/setup', null, { token, email, password: PASSWORD, displayName });
  const answer = await call<{ accessToken: string }>('POST', '/auth/login', null, { email, password: PASSWORD });
  return { id: admin.id, email, displayName, token: answer.accessToken };
}

export async function createGroup(facilitator: User, name: string, members: [User, string][] = []) {
  const group = await call<{ id: string; name: string }>('POST', '/groups', facilitator.token, {
    name,
    purpose: 'Follow-up of the national conference on migration governance',
    objectives: [1, 23],
  });
  for (const [user, role] of members) {
    await call('POST', `/groups/${group.id}/members`, facilitator.token, { userId: user.id, role });
  }
  return group;
}

export async function createThread(by: User, groupId: string, body: Record<string, unknown>) {
  return call<{ id: string; title: string }>('POST', `/groups/${groupId}/threads`, by.token, {
    kind: 'discussion',
    ...body,
  });
}

export async function postMessage(by: User, threadId: string, body: string, extra: Record<string, unknown> = {}) {
  const answer = await call<{ message: { id: string; seq: number } }>(
    'POST',
    `/threads/${threadId}/messages`,
    by.token,
    { body, ...extra },
  );
  return answer.message;
}

export async function react(by: User, messageId: string, emoji: string) {
  return call('POST', `/messages/${messageId}/reactions`, by.token, { emoji });
}

export async function takePosition(by: User, threadId: string, position: string, reason?: string) {
  return call('PUT', `/threads/${threadId}/positions`, by.token, { position, ...(reason ? { reason } : {}) });
}

export async function closeRecommendation(by: User, threadId: string, outcome: string, statement: string) {
  return call('POST', `/threads/${threadId}/outcome`, by.token, { outcome, statement });
}

export async function createAction(by: User, groupId: string, body: Record<string, unknown>) {
  return call<{ id: string; version: number; status: string }>('POST', `/groups/${groupId}/actions`, by.token, body);
}

export async function updateAction(by: User, id: string, body: Record<string, unknown>) {
  return call<{ id: string; version: number; status: string }>('PATCH', `/actions/${id}`, by.token, body);
}

export async function me(user: User) {
  return call<{ locale: string }>('GET', '/me', user.token);
}

export async function createOrganization(admin: User, name: string) {
  return call<{ id: string; name: string }>('POST', '/organizations', admin.token, {
    name,
    kind: 'ngo',
    country: 'IQ',
  });
}

export const uniqueName = (prefix: string) => `${prefix} ${randomBytes(3).toString('hex')}`;

/** A fresh access token for a user whose token may have expired. */
export async function logIn(user: User): Promise<User> {
  const answer = await call<{ accessToken: string }>('POST', '/auth/login', null, {
    email: user.email,
    password: PASSWORD,
  });
  return { ...user, token: answer.accessToken };
}

export async function invite(by: User, groupId: string, email: string, role = 'member') {
  return call<{ id: string }>('POST', `/groups/${groupId}/invitations`, by.token, { email, role });
}

/** The workspace admin's view of outgoing mail (GET /admin/outgoing-mail), newest first. */
export async function outgoingMail(admin: User) {
  return call<{ smtp: boolean; items: { id: string; kind: string; to: string | null; written: boolean }[] }>(
    'GET',
    '/admin/outgoing-mail',
    admin.token,
  );
}
