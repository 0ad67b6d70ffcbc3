import { Browser } from 'playwright-core';
import { OwnServer, startOwnServer } from './support/own-server';
import { createAdmin, createOrganization, logIn, registerUser, setupToken, uniqueName, User } from './support/api';
import { launchBrowser, openSession, screenshot, signIn } from './support/browser';
import { checkScreen, useLanguage } from './support/screen-checks';

/** Issue #20, item 9: the workspace admin's one place (a server of its own: its setup link makes the admin). */
describe('workspace administration', () => {
  let browser: Browser;
  let own: OwnServer | undefined;
  let admin: User;

  beforeAll(async () => {
    own = await startOwnServer({ JWT_SECRET: 'browser-admin-secret-0123456789-abcdefghij' });
    admin = await createAdmin(await setupToken(own.server.output), 'Amal Admin');
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await own?.close();
  });

  it('the admin adds an organization with its domains, edits it, and finds its people, in both languages', async () => {
    const { context, page, errors } = await openSession(browser);
    await signIn(page, admin, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Workspace administration' }).waitFor();
    await page.locator('[data-testid=two-factor-requirement] input').first().waitFor();
    await page.getByRole('link', { name: 'Outgoing mail' }).waitFor();
    // Registration as the server is configured (open on a test server), and whether email really goes out.
    await page.locator('[data-testid=registration-policy]', { hasText: 'Anyone' }).waitFor();
    await page.locator('[data-testid=mail-status]', { hasText: 'No SMTP configured' }).waitFor();

    const name = uniqueName('Ministry of Labour');
    await page.locator('summary', { hasText: 'Add an organization' }).click();
    await page.locator('#org-new-name').fill(name);
    await page.locator('#org-new-kind').selectOption('government');
    await page.locator('#org-new-country').fill('iq');
    await page.locator('#org-new-domains').fill('labour.example.gov, @mol.example.gov');
    await page.getByRole('button', { name: 'Add an organization', exact: true }).click();
    const row = page.locator('[data-testid=organization-row]', { hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toContain('Government · IQ');
    expect(await row.innerText()).toContain('labour.example.gov, mol.example.gov');

    await page.getByRole('button', { name: `Edit ${name}` }).click();
    const renamed = `${name} and Social Affairs`;
    const form = page.locator('[data-testid=organization-form]').first();
    await form.getByLabel('Name', { exact: true }).fill(renamed);
    await form.getByLabel('Verified email domains').fill('labour.example.gov');
    await form.getByRole('button', { name: 'Save' }).click();
    const edited = page.locator('[data-testid=organization-row]', { hasText: renamed });
    await edited.waitFor();
    expect(await edited.innerText()).not.toContain('mol.example.gov');

    await checkScreen(page, 'workspace administration', '[data-testid=organization-row]');
    await screenshot(page, 'administration-en');
    await useLanguage(page, 'ar');
    await page.getByRole('heading', { level: 1, name: 'إدارة مساحة العمل' }).waitFor();
    expect(await edited.innerText()).toContain('جهة حكومية');
    await useLanguage(page, 'en');

    await page.getByRole('link', { name: `People of ${renamed}` }).click();
    await page.getByRole('heading', { level: 1, name: `People of ${renamed}` }).waitFor();

    // The workspace-wide report, from the same place.
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Workspace report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Workspace report' }).waitFor();
    await page.getByRole('button', { name: 'Export (CSV)' }).waitFor();
    await checkScreen(page, 'workspace report', '.totals');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the admin approves an affiliation request, then deactivates and reactivates that account, in both languages', async () => {
    const organization = await createOrganization(admin, uniqueName('Ministry of Interior'));
    const asking = await registerUser('Rami Asking', { requestedOrganizationId: organization.id });
    const { context, page, errors } = await openSession(browser);
    await signIn(page, admin, `/organizations/${organization.id}/people`);
    await page.getByRole('button', { name: 'Approve Rami Asking' }).click();
    await page.getByRole('button', { name: 'Deactivate the account of Rami Asking' }).click();
    const row = page.locator('[data-testid=people-members] li', { hasText: 'Rami Asking' });
    await row.locator('.tag', { hasText: 'Deactivated' }).waitFor();
    await expect(logIn(asking)).rejects.toThrow(/account-deactivated/);
    await checkScreen(page, 'organization people', '[data-testid=people-members] li');
    await useLanguage(page, 'ar');
    await page.getByRole('button', { name: 'إعادة تفعيل حساب Rami Asking' }).click();
    await page.getByRole('button', { name: 'تعطيل حساب Rami Asking' }).waitFor();
    await useLanguage(page, 'en');
    await logIn(asking);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is the admin’s only: no link and no screen for anyone else', async () => {
    const someone = await registerUser('Sami Someone');
    const { context, page } = await openSession(browser);
    await signIn(page, someone, '/admin');
    await page.getByText('You are not allowed to do that.').waitFor();
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await context.close();
  });
});
