import { PASSWORD, registerUser, uniqueEmail } from '../support/factories';
import { runCli } from '../support/cli-process';
import { createTestApp, TestApp } from '../support/test-app';

const NEW_PASSWORD = 'amber-quarry-lantern-91';

/**
 * `node dist/cli.js` as an operator runs it from the build (run `npx nest build` first), on the test app's
 * database: JSON lines only, one result or one error, and the exit code to match.
 */
describe('admin CLI', () => {
  let t: TestApp;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    env = { DATABASE_URL: t.config.databaseUrl!, DATA_DIR: t.config.dataDir, JWT_SECRET: t.config.jwt.secret };
  });
  afterAll(() => t.close());

  it('create-admin makes an admin with the password from stdin, and says so in one JSON line', async () => {
    const email = uniqueEmail('cli-admin');
    const run = await runCli(['create-admin', '--email', email, '--name', 'CLI Admin'], env, `${PASSWORD}\n`);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([expect.objectContaining({ level: 30, command: 'create-admin', email })]);
    const login = await t.http().post('/api/auth/login').send({ email, password: PASSWORD });
    expect(login.body.user.isAdmin).toBe(true);
  }, 60_000);

  it('reset-password sets the password given on stdin and ends every session of the account', async () => {
    const user = await registerUser(t);
    expect((await t.http().get('/api/me').set(user.auth)).status).toBe(200);
    const run = await runCli(['reset-password', '--email', user.email.toUpperCase()], env, `${NEW_PASSWORD}\n`);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([expect.objectContaining({ command: 'reset-password', userId: user.id })]);

    expect((await t.http().get('/api/me').set(user.auth)).status).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(401);
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password: NEW_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(user.id);
  }, 60_000);

  it('reset-password refuses a weak password and an unknown address with a JSON error and exit code 1', async () => {
    const user = await registerUser(t);
    const weak = await runCli(['reset-password', '--email', user.email, '--password', 'password'], env);
    expect(weak.code).toBe(1);
    expect(weak.lines).toEqual([expect.objectContaining({ level: 50, command: 'reset-password' })]);
    expect((await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(200);

    const unknown = await runCli(['reset-password', '--email', uniqueEmail('nobody'), '--password', NEW_PASSWORD], env);
    expect(unknown.code).toBe(1);
    expect(unknown.lines).toEqual([expect.objectContaining({ level: 50, code: 'user-not-found' })]);
  }, 60_000);

  it('migrate show lists every migration as applied, in JSON', async () => {
    const run = await runCli(['migrate', 'show'], env);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([expect.objectContaining({ command: 'migrate', pending: [] })]);
    expect((run.lines[0].applied as string[]).length).toBeGreaterThan(10);
  }, 60_000);

  it('answers an unknown command, and a command called wrongly, with a JSON error and a non-zero exit code', async () => {
    const unknown = await runCli(['frobnicate'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.lines).toEqual([expect.objectContaining({ level: 50, msg: expect.stringContaining('frobnicate') })]);
    const wrong = await runCli(['create-admin', '--email', 'not-an-address'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.lines).toEqual([expect.objectContaining({ level: 50, msg: expect.stringContaining('usage') })]);
  }, 60_000);

  it('--help names every command and exits 0', async () => {
    const run = await runCli(['--help'], env);
    expect(run.code).toBe(0);
    for (const command of ['create-admin', 'reset-password', 'migrate', 'seed', 'backup', 'restore']) {
      expect(run.stdout).toContain(`  ${command} `);
    }
  });
});
