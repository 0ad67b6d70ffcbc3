import { Browser } from 'playwright-core';
import { ServerProcess } from '../support/server-process';
import { OwnServer, startOwnServer } from './support/own-server';
import { confirmAddress, createOrganization, login, PASSWORD, setupToken, User } from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';

/** A server of its own, whose printed setup link makes the workspace admin who grants organizations. */
describe('organization on registration and profile', () => {
  let browser: Browser;
  let server: ServerProcess;
  let own: OwnServer | undefined;

  beforeAll(async () => {
    own = await startOwnServer({
      JWT_SECRET: 'browser-profile-secret-0123456789-abcdefgh',
    });
    server = own.server;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await own?.close();
  });

  let admin: User;

  it('the setup link the server printed creates the workspace admin and signs them in, once', async () => {
    const token = await setupToken(server.output);
    const { context, page, errors } = await openSession(browser);
    await page.goto(`/setup/${token}`);
    await page.locator('#displayName').fill('Workspace Admin');
    const email = `setup.${Date.now()}@example.org`;
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await page.locator('.whoami').waitFor();
    admin = await login(email, 'Workspace Admin');
    expect(errors).toEqual([]);
    await context.close();

    const again = await openSession(browser);
    await again.page.goto(`/setup/${token}`);
    await again.page.locator('#displayName').fill('Someone Else');
    await again.page.locator('#email').fill(`late.${Date.now()}@example.org`);
    await again.page.locator('#password').fill(PASSWORD);
    await again.page.getByRole('button', { name: 'Create the admin account' }).click();
    await again.page.getByText('This setup link does not work').waitFor();
    await again.context.close();
  });

  it('registration requests an organization; the profile shows it pending, read-only, until the admin grants it', async () => {
    await createOrganization(admin, 'Ministry of Labour');

    const { context, page, errors } = await openSession(browser);
    await page.goto('/register');
    await page.locator('#displayName').fill('Nadia Requester');
    const email = `profile.${Date.now()}@example.org`;
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.getByLabel('Organization you work for').selectOption({ label: 'Ministry of Labour' });
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`We sent a message to ${email}.`).waitFor();
    await confirmAddress(email); // the emailed link itself is emailed-links.browser-spec's
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();

    await page.locator('.whoami').click();
    const profile = page.locator('[data-testid=profile]');
    await profile.waitFor();
    await page.locator('[data-testid=requested-organization]', { hasText: 'Ministry of Labour' }).waitFor();
    expect(await page.locator('[data-testid=requested-organization]').innerText()).toContain('Waiting for the admin');
    expect(await page.locator('[data-testid=organization]').innerText()).toBe('None');
    // Shown, never offered for change.
    expect(await page.locator('main').locator('input, select, textarea').count()).toBe(0);

    // The admin finds the request on their own profile and grants it.
    const a = await openSession(browser);
    await signIn(a.page, admin, '/me');
    await a.page.getByRole('button', { name: 'Grant to Nadia Requester' }).click();
    await a.page.getByText('No account is waiting for an organization.').waitFor();
    expect(a.errors).toEqual([]);
    await a.context.close();

    await page.reload();
    await page.locator('[data-testid=organization]', { hasText: 'Ministry of Labour' }).waitFor();
    expect(await page.locator('[data-testid=requested-organization]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
