import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { linkTokenFromMail } from '../support/mail-files';
import { OwnServer, startOwnServer } from './support/own-server';
import { registerUser } from './support/api';
import { launchBrowser, openSession } from './support/browser';

const NEW_PASSWORD = 'saffron kettle under moonlight';

/**
 * A server of its own without SMTP, so its emails are written to its data folder: each link is read from there as a
 * person would read it in their mailbox, and followed in the browser.
 */
describe('password reset in the browser', () => {
  let browser: Browser;
  let own: OwnServer | undefined;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tansiq-browser-reset-'));
    own = await startOwnServer({
      DATA_DIR: dataDir,
      SMTP_URL: '',
      JOB_POLL_SECONDS: '0.5',
      JWT_SECRET: 'browser-reset-secret-0123456789-abcdefghijk',
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await own?.close();
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

    const token = await linkTokenFromMail(dataDir, user.email, '/reset-password');
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

  it('registers, follows the confirmation link from the email and signs in', async () => {
    const email = `browser.confirm.${Date.now()}@example.org`;
    const { context, page, errors } = await openSession(browser);
    await page.goto('/register');
    await page.locator('#displayName').fill('Nour Newcomer');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`We sent a message to ${email}.`).waitFor();

    // Not confirmed yet: signing in is refused, with the way to a new link.
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.getByText('or the address is not confirmed yet').waitFor();

    const token = await linkTokenFromMail(dataDir, email, '/verify-email');
    await page.goto(`/verify-email/${encodeURIComponent(token)}`);
    await page.getByText('Your email address is confirmed. You can sign in.').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('.whoami').waitFor();
    expect(await page.locator('.whoami').innerText()).toContain('Nour Newcomer');
    expect(errors).toEqual([]);
    await context.close();
  });
});
