import { Browser } from 'playwright-core';
import { totpCode } from '../../src/two-factor/totp';
import { registerUser } from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';
import { PASSWORD } from './support/api';

/** The code an authenticator app shows `offset` 30-second steps from now. */
const appCode = (secret: string, offset = 0) => totpCode(secret, Date.now() + offset * 30_000);

/** Waits until the current TOTP step has 5 s left at least, so a code typed now is judged in its own step. */
async function awayFromStepEdge(): Promise<void> {
  while (Date.now() % 30_000 > 25_000) await new Promise((done) => setTimeout(done, 100));
}

/** Turning on two-factor authentication in the Security screen, then signing in with a code, as a person would. */
describe('two-factor authentication in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('enrols with the secret shown beside its QR code, shows the recovery codes once, then signs in with a code', async () => {
    const user = await registerUser('Tamara Twofactor');
    const { context, page, errors } = await openSession(browser);
    await signIn(page, user, '/me');
    await page.getByRole('link', { name: /^Security/ }).click();
    await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await page.getByLabel('Your current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();

    const confirm = page.locator('[data-testid=two-factor-confirm]');
    await confirm.waitFor();
    expect(await confirm.locator('img.qr-code').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = (await page.locator('[data-testid=two-factor-secret]').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await awayFromStepEdge();
    // The previous step's code: the current one stays unused for the sign-in below.
    await page.getByLabel('Six-digit code').fill(appCode(secret, -1));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();

    const recovery = page.locator('[data-testid=recovery-codes]');
    await recovery.waitFor();
    expect(await recovery.locator('li').count()).toBe(10);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await recovery.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=two-factor-state]').innerText()).toContain('10 recovery codes left');

    await page.locator('header').getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#email').waitFor();
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    const step = page.locator('[data-testid=two-factor-step]');
    await step.waitFor();
    await page.getByLabel('Six-digit code').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That code is not right, or it was already used.').waitFor();
    await awayFromStepEdge();
    await page.getByLabel('Six-digit code').fill(appCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.whoami').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
