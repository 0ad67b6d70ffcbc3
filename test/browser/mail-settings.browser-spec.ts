import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { ServerProcess } from '../support/server-process';
import { OwnServer, startOwnServer } from './support/own-server';
import {
  createAdmin,
  createGroup,
  invite,
  outgoingMail,
  registerUser,
  setupToken,
  uniqueName,
  User,
} from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';

/** Polls an async condition until it holds: the email is written by a queued job, after the request answered. */
async function until(check: () => Promise<boolean>, what: () => string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * A server of its own: its admin is made with the setup link it prints, and no SMTP_URL is set, so every email is
 * written to the data folder instead of sent.
 */
describe('email settings and the admin’s outgoing mail', () => {
  let browser: Browser;
  let server: ServerProcess;
  let own: OwnServer | undefined;
  let dataDir: string;
  let admin: User;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tansiq-browser-mail-'));
    own = await startOwnServer({
      DATA_DIR: dataDir,
      SMTP_URL: '',
      JWT_SECRET: 'browser-mail-secret-0123456789-abcdefghijk',
    });
    server = own.server;
    browser = await launchBrowser();
    admin = await createAdmin(await setupToken(server.output), 'Workspace Admin');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await own?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('without SMTP the admin sees the not-configured banner and opens a written invitation as raw text', async () => {
    const group = await createGroup(admin, uniqueName('Labour migration'));
    const invitee = `invitee.${Date.now()}@example.org`;
    await invite(admin, group.id, invitee);
    let mail: Awaited<ReturnType<typeof outgoingMail>> | null = null;
    await until(
      async () => (mail = await outgoingMail(admin)).items.some((e) => e.to === invitee && e.written),
      () => `the invitation to be written: ${JSON.stringify(mail)}`,
    );

    const { context, page, errors } = await openSession(browser);
    await signIn(page, admin, '/me');
    await page.getByRole('link', { name: 'Outgoing mail' }).click();
    await page
      .getByText(
        'Outgoing mail, not sent: SMTP is not configured. These emails were written to the server’s data folder.',
      )
      .waitFor();
    const row = page.locator('[data-testid=outgoing-mail] tbody tr', { hasText: invitee });
    await row.waitFor();
    expect(await row.innerText()).toContain('Invitation');
    expect(await row.innerText()).toContain('Written to a file');

    await row.getByRole('button', { name: /^View the email to/ }).click();
    const raw = page.locator('[data-testid=raw-email]');
    await raw.waitFor();
    const text = await raw.innerText();
    expect(text).toMatch(/^Subject: /m);
    expect(text).toContain(invitee);
    // Shown as text: the message's HTML part appears as markup, nothing of it is rendered as elements.
    expect(await raw.locator('*').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a reader sets mentions to “in the app only” and the choice is still there after a reload', async () => {
    const reader = await registerUser('Salma Reader');
    const { context, page, errors } = await openSession(browser);
    await signIn(page, reader, '/notifications');
    await page.getByRole('link', { name: 'Email and notification settings' }).click();
    const mention = page.getByLabel('Delivery of “You were mentioned”');
    await mention.waitFor();
    expect(await mention.inputValue()).toBe('email');

    const saved = page.waitForResponse(
      (res) => res.url().endsWith('/api/me/notification-settings') && res.request().method() === 'PUT',
    );
    await mention.selectOption({ label: 'In the app only' });
    expect((await saved).status()).toBe(200);

    await page.reload();
    await page.getByLabel('Delivery of “You were mentioned”').waitFor();
    expect(await page.getByLabel('Delivery of “You were mentioned”').inputValue()).toBe('in-app');
    expect(errors).toEqual([]);
    await context.close();
  });
});
