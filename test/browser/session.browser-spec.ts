import { Browser } from 'playwright-core';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ServerProcess, startServer } from '../support/server-process';
import { createGroup, createThread, logIn, postMessage, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, signIn, waitUntilLive } from './support/browser';

const ACCESS_TTL_SECONDS = 30; // the shortest the server accepts

/** A server of its own, with access tokens that expire within the test. */
describe('a session longer than its access token', () => {
  let browser: Browser;
  let server: ServerProcess;
  let database: TestDatabase;
  let sharedUrl: string | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({
      ...database.env,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '100000',
      JWT_SECRET: 'browser-session-secret-0123456789-abcdefgh',
      JWT_ACCESS_TTL: String(ACCESS_TTL_SECONDS),
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
  });

  it('refreshes the token before it expires and reconnects the socket with the new one', async () => {
    const reader = await registerUser('Rami Reader');
    const writer = await registerUser('Widad Writer');
    const group = await createGroup(writer, uniqueName('Review of migration governance'), [[reader, 'member']]);
    const thread = await createThread(writer, group.id, { title: 'Data sharing between ministries' });

    const { context, page, errors } = await openSession(browser);
    const refreshes: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/api/auth/refresh')) refreshes.push(response.status());
    });
    await signIn(page, reader, `/groups/${group.id}/threads/${thread.id}`);
    await waitUntilLive(page);

    // Past the first token's lifetime: it was replaced before it ran out.
    await page.waitForTimeout((ACCESS_TTL_SECONDS + 3) * 1000);
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(refreshes.every((status) => status === 200)).toBe(true);

    // A reconnect now needs the new token in the handshake; the old one would be refused.
    await context.setOffline(true);
    await page.locator('.connection[data-state=offline]').waitFor();
    await context.setOffline(false);
    await waitUntilLive(page, 10_000);
    await postMessage(await logIn(writer), thread.id, 'Still live after the token changed.');
    await page
      .locator('article[data-message-id]', { hasText: 'Still live after the token changed.' })
      .waitFor({ timeout: 3_000 });

    // And REST calls use it too: reading the thread again works without signing in.
    await page.reload();
    await page.locator('article[data-message-id]', { hasText: 'Still live after the token changed.' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
