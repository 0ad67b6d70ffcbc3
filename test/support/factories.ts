import { randomBytes } from 'node:crypto';
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

export async function registerUser(t: TestApp, overrides: Record<string, unknown> = {}): Promise<TestUser> {
  const email = (overrides.email as string) ?? uniqueEmail();
  const res = await t
    .http()
    .post('/api/auth/register')
    .send({ email, password: PASSWORD, displayName: 'Test User', ...overrides });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.user.id,
    email: res.body.user.email,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

export async function createOrganization(t: TestApp, admin: TestUser, name = `Org ${randomBytes(3).toString('hex')}`) {
  const res = await t.http().post('/api/organizations').set(admin.auth).send({ name, kind: 'ngo', country: 'IQ' });
  if (res.status !== 201) throw new Error(`organization failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string };
}
