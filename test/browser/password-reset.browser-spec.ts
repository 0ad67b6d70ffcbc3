import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { Browser } from 'playwright-core';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ServerProcess, startServer } from '../support/server-process';
import { registerUser } from './support/api';
import { launchBrowser, openSession } from './support/browser';

const NEW_PASSWORD = 'saffron kettle under moonlight';

/** Every email the server wrote to DATA_DIR/mail/<day>/<id>.eml (no SMTP_URL: nothing is sent). */
function writtenEmails(dataDir: string): string[] {
  const root = join(dataDir, 'mail');
  let days: string[];
  try {
    days = readdirSync(root);
  } catch {
    return [];
  }
  return days.flatMap((day) =>
    readdirSync(join(root, day))
      .filter((name) => name.endsWith('.eml'))
      .map((name) => readFileSync(join(root, day, name), 'utf8')),
  );
}

/** The reset link's token from the email written for this address; waits for the queued job to write it. */
async function resetTokenFor(dataDir: string, email: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const raw of writtenEmails(dataDir)) {
      const parsed = await simpleParser(raw);
      const to = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
      if (!to.some((address) => address.text.includes(email))) continue;
      const link = /\/reset-password\/(\S+)/.exec(parsed.text ?? '');
      if (link) return decodeURIComponent(link[1]);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`no reset email for ${email} in ${dataDir}/mail`);
}

/**
 * A server of its own without SMTP, so the reset email is written to its data folder: the link is read from there
 * as a person would read it in their mailbox, and followed in the browser.
 */
describe('password reset in the browser', () => {
  let browser: Browser;
  let server: ServerProcess;
  let database: TestDatabase;
  let dataDir: string;
  let sharedUrl: string | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'tansiq-browser-reset-'));
    server = await startServer({
      ...database.env,
      DATA_DIR: dataDir,
      SMTP_URL: '',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '100000',
      JOB_POLL_SECONDS: '0.5',
      JWT_SECRET: 'browser-reset-secret-0123456789-abcdefghijk',
    });
    sharedUrl = process.env.BROWSER_TEST_URL;
    process.env.BROWSER_TEST_URL = server.url;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    process.env.BROWSER_TEST_URL = sharedUrl;
    await browser?.close();
    await server?.stop();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks for a link, follows it from the email, sets a new password and signs in with it', async () => {
    const user = await registerUser('Rasha Reset');
    const { context, page, errors } = await openSession(browser);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText('If an account uses this address, a link to choose a new password is on its way.').waitFor();

    const token = await resetTokenFor(dataDir, user.email);
    await page.goto(`/reset-password/${encodeURIComponent(token)}`);
    await page.locator('#newPassword').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password is changed').waitFor();

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('.whoami').waitFor();
    expect(await page.locator('.whoami').innerText()).toContain('Rasha Reset');
    expect(errors).toEqual([]);
    await context.close();
  });
});
