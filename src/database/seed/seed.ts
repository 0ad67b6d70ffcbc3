import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../../auth/auth.service';
import { Organization } from '../../organizations/entities/organization.entity';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from './demo-workspace';

/** Seeds through the same services the API uses, so the demo obeys every rule real data does. */
export async function seedDemo(app: INestApplicationContext): Promise<string> {
  const db = app.get(DataSource);
  const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [
    DEMO_ACCOUNTS[0].email,
  ]);
  if (Number(count) > 0) return 'The demo workspace is already there.\n' + logins();

  const organizations = new Map<string, string>();
  for (const org of DEMO_ORGANIZATIONS) {
    const existing = await db.getRepository(Organization).findOne({ where: { name: org.name } });
    const saved =
      existing ?? (await db.getRepository(Organization).save({ name: org.name, kind: org.kind, country: org.country }));
    organizations.set(org.key, saved.id);
  }
  const auth = app.get(AuthService);
  for (const account of DEMO_ACCOUNTS) {
    await auth.register({
      email: account.email,
      password: DEMO_PASSWORD,
      displayName: account.displayName,
      organizationId: organizations.get(account.organization),
      locale: account.locale,
    });
  }
  return 'Seeded the demo workspace.\n' + logins();
}

/** On `npm start` with an empty database only: never touches a workspace that has users. */
export async function seedIfEmpty(app: INestApplicationContext): Promise<string | null> {
  const [{ count }] = await app.get(DataSource).query('SELECT count(*)::int AS count FROM users');
  return Number(count) === 0 ? seedDemo(app) : null;
}

function logins(): string {
  const lines = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(32)} ${a.displayName}`);
  return `Demo logins (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}`;
}
