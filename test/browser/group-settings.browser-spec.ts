import { Browser } from 'playwright-core';
import { createGroup, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, screenshot, signIn } from './support/browser';
import { checkScreen, useLanguage } from './support/screen-checks';

/** Issue #20, item 8: a group's settings (name, purpose, objectives), archive and its way back, the audit log. */
describe('group settings', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a facilitator edits the group, archives and unarchives it, and reads each change in the audit log, in both languages', async () => {
    const facilitator = await registerUser('Farah Facilitator');
    const member = await registerUser('Mona Member');
    const group = await createGroup(facilitator, uniqueName('Labour migration'), [[member, 'member']]);
    const { context, page, errors } = await openSession(browser);
    await signIn(page, facilitator, `/groups/${group.id}`);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.locator('[data-testid=group-settings]').waitFor();
    const newName = uniqueName('Labour mobility');
    await page.getByLabel('Name', { exact: true }).fill(newName);
    await page.getByLabel('Purpose', { exact: true }).fill('Follow the permit reform to its end');
    await page.getByRole('checkbox', { name: /^5\b/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.group-name', { hasText: newName }).waitFor();
    await page.locator('[data-testid=audit-log] li', { hasText: 'Farah Facilitator edited the group' }).waitFor();
    const edit = await page.locator('[data-testid=audit-log] li').first().innerText();
    expect(edit).toContain('Name');
    expect(edit).toContain('Purpose');
    expect(edit).toContain('GCM objectives');

    await page.getByRole('button', { name: 'Archive this group', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, archive this group' }).click();
    await page.locator('.group-name .tag', { hasText: 'Archived' }).waitFor();
    // Read-only while archived: no form to edit, one way back.
    expect(await page.getByLabel('Purpose', { exact: true }).count()).toBe(0);
    await page.locator('[data-testid=audit-log] li', { hasText: 'Farah Facilitator archived the group' }).waitFor();
    await checkScreen(page, 'group settings (archived)', '[data-testid=audit-log]');

    await page.getByRole('button', { name: 'Unarchive this group' }).click();
    await page.getByRole('button', { name: 'Archive this group', exact: true }).waitFor();
    expect(await page.locator('.group-name .tag').count()).toBe(0);
    await page.locator('[data-testid=audit-log] li', { hasText: 'Farah Facilitator unarchived the group' }).waitFor();
    await page
      .locator('[data-testid=audit-log] li', { hasText: 'Farah Facilitator added Mona Member as Member' })
      .waitFor();

    await useLanguage(page, 'ar');
    await page.getByRole('heading', { level: 1, name: 'إعدادات المجموعة' }).waitFor();
    await page.locator('[data-testid=audit-log] li', { hasText: 'ألغى Farah Facilitator أرشفة المجموعة' }).waitFor();
    expect(await page.locator('[data-testid=audit-log] li').nth(2).innerText()).toContain('الاسم');
    await checkScreen(page, 'group settings', '[data-testid=audit-log]');
    await useLanguage(page, 'ar');
    await page.getByRole('heading', { level: 1, name: 'إعدادات المجموعة' }).waitFor();
    await screenshot(page, 'group-settings-ar');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a member sees no settings tab, and the settings address refuses them', async () => {
    const facilitator = await registerUser('Farah Facilitator');
    const member = await registerUser('Mona Member');
    const group = await createGroup(facilitator, uniqueName('Labour migration'), [[member, 'member']]);
    const { context, page } = await openSession(browser);
    await signIn(page, member, `/groups/${group.id}`);
    await page.getByRole('link', { name: 'Members' }).waitFor();
    expect(await page.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await page.goto(`/groups/${group.id}/settings`);
    await page.getByText('You are not allowed to do that.').waitFor();
    expect(await page.getByLabel('Name', { exact: true }).count()).toBe(0);
    await context.close();
  });
});
