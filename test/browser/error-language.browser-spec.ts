import { Browser, Page } from 'playwright-core';
import { registerUser } from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';

const ARABIC = /[\u0600-\u06ff]/;
/** Latin words left once the API's field names are taken out: English the reader was not meant to see. */
const latinWords = (text: string, ...fieldNames: string[]) =>
  fieldNames.reduce((rest, name) => rest.split(name).join(' '), text).match(/[A-Za-z]+/g) ?? [];

/** The page opens in Arabic, as for a reader who chose it before (the client keeps the choice in localStorage). */
async function inArabic(page: Page): Promise<void> {
  await page.addInitScript("localStorage.setItem('tansiq.locale', 'ar')");
}

/** Issue #19: the server's refusals reach an Arabic reader in Arabic, under the field they are about. */
describe('error messages in Arabic', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registration says a too-short and a too-guessable password is refused, in Arabic', async () => {
    const { context, page, errors } = await openSession(browser);
    await inArabic(page);
    await page.goto('/register');
    expect(await page.evaluate('document.documentElement.lang')).toBe('ar');
    await page.locator('#displayName').fill('نادية كريمي');
    await page.locator('#email').fill(`arabic.${Date.now()}@example.org`);
    await page.locator('#password').fill('short');
    await page.locator('form button[type=submit]').click();

    const passwordError = page.locator('#password-error');
    await passwordError.waitFor();
    const tooShort = await passwordError.innerText();
    expect(tooShort).toMatch(ARABIC);
    expect(tooShort).toContain('10');
    expect(latinWords(tooShort)).toEqual([]);
    expect(await page.locator('#password').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#password').fill('password123');
    await page.locator('form button[type=submit]').click();
    // The answer replaces the first one: wait for zxcvbn's reason, said in Arabic.
    await page.locator('#password-error', { hasText: 'سهلة التخمين' }).waitFor();
    const tooEasy = await passwordError.innerText();
    expect(tooEasy).not.toBe(tooShort);
    expect(latinWords(tooEasy)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the email schedule form shows the server’s refusal of its hours in Arabic, under the field', async () => {
    const reader = await registerUser('Huda Haddad', { locale: 'ar' });
    const { context, page, errors } = await openSession(browser);
    await inArabic(page);
    await signIn(page, reader, '/me/notifications');
    await page.locator('#workStartHour').selectOption('17');
    await page.locator('#workEndHour').selectOption('9');
    await page.getByRole('button', { name: 'حفظ المواعيد' }).click();

    const hoursError = page.locator('#workEndHour-error');
    await hoursError.waitFor();
    const text = await hoursError.innerText();
    expect(text).toBe('يجب أن تأتي نهاية ساعات العمل بعد بدايتها');
    expect(await page.locator('#workEndHour').getAttribute('aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });
});
