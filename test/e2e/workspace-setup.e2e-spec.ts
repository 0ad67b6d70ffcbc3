import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WorkspaceSetupService } from '../../src/users/workspace-setup.service';
import { createAdmin, PASSWORD, registerUser, uniqueEmail } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);

/** The first workspace admin comes from the setup link's token (or the CLI), never from registering. */
describe('workspace setup', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const issue = () => t.app.get(WorkspaceSetupService).issueIfNoAdmin();
  const setup = (token: string, email = uniqueEmail('admin')) =>
    t.http().post('/api/setup').send({ token, email, displayName: 'First Admin', password: PASSWORD });

  it('creates the first admin with the token once, and the token then creates nobody', async () => {
    await registerUser(t); // an earlier account changes nothing: it is no admin
    const token = (await issue())!;
    const first = await setup(token);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ isAdmin: true, displayName: 'First Admin' });
    expect(first.body).not.toHaveProperty('passwordHash');
    const login = await t.http().post('/api/auth/login').send({ email: first.body.email, password: PASSWORD });
    expect(login.body.user.isAdmin).toBe(true);

    const again = await setup(token);
    expect(again.status).toBe(400);
    expect(again.body.details).toEqual([{ field: 'token', code: 'token-invalid', message: expect.any(String) }]);
    expect(await issue()).toBeNull(); // with an admin, a start prints no link
  });

  it('accepts only the token issued last, unexpired', async () => {
    const older = (await issue())!;
    const newer = (await issue())!;
    expect((await setup(older)).status).toBe(400);
    await t.db.query(`UPDATE setup_tokens SET expires_at = now() - interval '1 second'`);
    expect((await setup(newer)).status).toBe(400);
    const fresh = (await issue())!;
    expect((await setup(fresh)).status).toBe(201);
  });

  it('keeps only the hash of the token, expiring in 24 hours', async () => {
    const token = (await issue())!;
    const rows: { token_hash: string; hours: number }[] = await t.db.query(
      `SELECT token_hash, extract(epoch FROM expires_at - now()) / 3600 AS hours FROM setup_tokens`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
    expect(Number(rows[0].hours)).toBeGreaterThan(23.9);
    expect(Number(rows[0].hours)).toBeLessThanOrEqual(24);
  });

  it('refuses a weak password and an unknown token, naming the field', async () => {
    const token = (await issue())!;
    const weak = await t
      .http()
      .post('/api/setup')
      .send({ token, email: uniqueEmail(), displayName: 'First Admin', password: 'password123' });
    expect(weak.status).toBe(400);
    expect(weak.body.details).toContainEqual({
      field: 'password',
      // zxcvbn's warning (and so the code's last part) depends on the random address among the user inputs.
      code: expect.stringMatching(/^password-weak-/),
      message: expect.stringMatching(/^password is too easy to guess: /),
    });
    expect((await setup('x'.repeat(43))).status).toBe(400);
    expect((await setup(token)).status).toBe(201); // the refusals did not spend it
  });

  it('the factory makes its admin through the setup route', async () => {
    const admin = await createAdmin(t);
    const me = await t.http().get('/api/me').set(admin.auth);
    expect(me.body.isAdmin).toBe(true);
  });

  it('npm run create-admin makes an admin from the command line, the password on stdin', async () => {
    const email = uniqueEmail('cli');
    const child = run('node', ['dist/users/create-admin.cli.js', '--email', email, '--name', 'CLI Admin'], {
      env: { ...process.env, ...envOf(t), ADMIN_PASSWORD: PASSWORD },
    });
    const { stdout } = await child;
    expect(stdout).toContain(email);
    const login = await t.http().post('/api/auth/login').send({ email, password: PASSWORD });
    expect(login.body.user.isAdmin).toBe(true);
  }, 60_000);
});

/** What the CLI needs to reach the test app's database. */
function envOf(t: TestApp): Record<string, string> {
  return { DATABASE_URL: t.config.databaseUrl!, DATA_DIR: t.config.dataDir, JWT_SECRET: t.config.jwt.secret };
}
