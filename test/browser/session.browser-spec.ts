import { Browser } from 'playwright-core';
import { OwnServer, startOwnServer } from './support/own-server';
import { createGroup, createThread, logIn, postMessage, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, signIn, waitUntilLive } from './support/browser';

const ACCESS_TTL_SECONDS = 30; // the shortest the server accepts

/** A server of its own, with access tokens that expire within the test. */
describe('a session longer than its access token', () => {
  let browser: Browser;
  let own: OwnServer | undefined;

  beforeAll(async () => {
    own = await startOwnServer({
      JWT_SECRET: 'browser-session-secret-0123456789-abcdefgh',
      JWT_ACCESS_TTL: String(ACCESS_TTL_SECONDS),
      // A socket whose token expired without auth.refresh is closed 1 s later: the client must renew it before.
      SOCKET_AUTH_GRACE: '1',
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await own?.close();
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
    const renewals: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (String(payload).includes('"auth.refresh"')) renewals.push(String(payload));
      }),
    );

    await signIn(page, reader, `/groups/${group.id}/threads/${thread.id}`);
    await waitUntilLive(page);

    // Past the first token's lifetime: it was replaced before it ran out, on the open socket too, which never
    // dropped (a socket that kept the expired token would be closed one second after it expired).
    const states = new Set<string>();
    const until = Date.now() + (ACCESS_TTL_SECONDS + 3) * 1000;
    while (Date.now() < until) {
      states.add((await page.locator('.connection').getAttribute('data-state')) ?? 'none');
      await page.waitForTimeout(250);
    }
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(refreshes.every((status) => status === 200)).toBe(true);
    expect(renewals.length).toBeGreaterThanOrEqual(1);
    expect([...states]).toEqual(['connected']);

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

  it('keeps no token where a script can read it, and a reload keeps you signed in through the HttpOnly cookie', async () => {
    const reader = await registerUser('Salma Storage');
    const { context, page, errors } = await openSession(browser);
    await signIn(page, reader);
    await waitUntilLive(page);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'tansiq_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });

    const readable = async () =>
      page.evaluate<string>(
        'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookies: document.cookie })',
      );
    const seen = await readable();
    expect(seen).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT
    expect(seen).not.toContain(cookie.value);
    expect(seen).not.toMatch(/token/i);

    await page.reload();
    await page.locator('.whoami').waitFor();
    await waitUntilLive(page);
    const again = await readable();
    expect(again).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(again).not.toMatch(/token/i);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('two tabs refreshing at the same moment both stay signed in (the session is not revoked)', async () => {
    const reader = await registerUser('Tariq Tabs');
    const writer = await registerUser('Warda Writer');
    const group = await createGroup(writer, uniqueName('Legal pathways'), [[reader, 'member']]);
    const thread = await createThread(writer, group.id, { title: 'Two tabs' });
    const path = `/groups/${group.id}/threads/${thread.id}`;
    const { context, page: first, errors } = await openSession(browser);
    await signIn(first, reader, path);
    const second = await context.newPage();
    const refreshes: number[] = [];
    for (const page of [first, second]) {
      page.on('response', (response) => {
        if (response.url().endsWith('/api/auth/refresh')) refreshes.push(response.status());
      });
    }
    await second.goto(path);
    await second.locator('.whoami').waitFor();

    // Each reload refreshes at start-up with the same cookie, in both tabs at once.
    for (let round = 0; round < 3; round++) {
      await Promise.all([first.reload(), second.reload()]);
      await Promise.all([first, second].map((page) => page.locator('.whoami').waitFor()));
    }
    await Promise.all([first, second].map((page) => waitUntilLive(page)));
    expect(refreshes.length).toBeGreaterThanOrEqual(7);
    expect(refreshes.every((status) => status === 200)).toBe(true);

    await postMessage(await logIn(writer), thread.id, 'Both tabs still live.');
    for (const page of [first, second]) {
      await page.locator('article[data-message-id]', { hasText: 'Both tabs still live.' }).waitFor({ timeout: 5_000 });
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
