import { Browser } from 'playwright-core';
import { PASSWORD, registerUser } from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';
import { checkScreen } from './support/screen-checks';

/** Issue #20, item 10: name, language, password, time zone and working days, security, notifications in one place. */
describe('profile and settings', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a person renames themselves, changes their password and language, with every setting on one page', async () => {
    const user = await registerUser('Lina Settings');
    const { context, page, errors } = await openSession(browser);
    await signIn(page, user, '/me');
    await checkScreen(page, 'profile', '[data-testid=profile]');
    await page.getByRole('link', { name: /^Profile and settings/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Profile and settings' }).waitFor();
    for (const section of ['Name and language', 'Password', 'When email reaches you', 'Two-factor authentication']) {
      await page.getByRole('heading', { level: 2, name: section }).waitFor();
    }
    await page.getByRole('heading', { level: 2, name: 'Signed-in devices' }).waitFor();
    await page.locator('#timeZone').waitFor();
    await page.getByRole('link', { name: /What each kind of notification does/ }).waitFor();
    await checkScreen(page, 'profile and settings', '#settings-display-name');

    await page.locator('#settings-display-name').fill('Lina Renamed');
    await page.locator('[aria-labelledby=name-title] button[type=submit]').click();
    await page.locator('.whoami', { hasText: 'Lina Renamed' }).waitFor();

    await page.locator('#settings-current-password').fill('not the password at all');
    await page.locator('#settings-new-password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The current password is wrong').waitFor();
    await page.locator('#settings-current-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page
      .locator('[aria-labelledby=password-title] [role=status]', { hasText: 'Your password was changed.' })
      .waitFor();

    await page.locator('#settings-language').selectOption('ar');
    await page.locator('[aria-labelledby=name-title] button[type=submit]').click();
    await page.locator('html[dir=rtl][lang=ar]').waitFor();
    await page.getByRole('heading', { level: 1, name: 'الملف الشخصي والإعدادات' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'كلمة المرور' }).waitFor();
    // Saved on the account (the API token above was signed out with the password change): a reload keeps it.
    await page.evaluate("localStorage.setItem('tansiq.locale', 'en')");
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'الملف الشخصي والإعدادات' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
