import { Browser } from 'playwright-core';
import { createGroup, createThread, registerUser, uniqueName } from './support/api';
import { launchBrowser, messageTexts, openSession, signIn, waitUntilLive } from './support/browser';

describe('live delivery in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function twoMembersInAThread() {
    const amina = await registerUser('Amina Haddad');
    const omar = await registerUser('Omar Saleh');
    const group = await createGroup(amina, uniqueName('Legal pathways'), [[omar, 'member']]);
    const thread = await createThread(amina, group.id, { title: 'Regular pathways for seasonal workers' });
    const path = `/groups/${group.id}/threads/${thread.id}`;
    const a = await openSession(browser);
    const b = await openSession(browser);
    await signIn(a.page, amina, path);
    await signIn(b.page, omar, path);
    await Promise.all([waitUntilLive(a.page), waitUntilLive(b.page)]);
    // The thread screens are loaded (and listening) once their composers are there.
    await Promise.all([a.page, b.page].map((page) => page.locator('[data-testid=composer]').waitFor()));
    return { a, b, amina, omar, group };
  }

  it('shows a message posted by one member to another within a second, without a reload', async () => {
    const { a, b } = await twoMembersInAThread();
    await b.page.evaluate('window.__sameDocument = true');

    await a.page.locator('[data-testid=composer]').fill('The ministry can host the first meeting.');
    await a.page.keyboard.press('Enter');
    const sentAt = Date.now();
    await b.page
      .locator('article[data-message-id]', { hasText: 'The ministry can host the first meeting.' })
      .waitFor({ timeout: 1_000 });
    const elapsed = Date.now() - sentAt;

    expect(elapsed).toBeLessThan(1_000);
    expect(await b.page.evaluate('window.__sameDocument')).toBe(true);
    // The sender sees it once, stored (not pending), and so does the receiver.
    await a.page.locator('article[data-message-id]').first().waitFor();
    expect(await messageTexts(a.page)).toEqual(['The ministry can host the first meeting.']);
    expect(await messageTexts(b.page)).toEqual(['The ministry can host the first meeting.']);
    expect(await a.page.locator('article.pending').count()).toBe(0);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('shows who is online in the group and who is typing in the thread', async () => {
    const { a, b } = await twoMembersInAThread();

    await a.page.locator('[data-testid=presence]', { hasText: 'Omar Saleh' }).waitFor({ timeout: 5_000 });
    await b.page.locator('[data-testid=presence]', { hasText: 'Amina Haddad' }).waitFor({ timeout: 5_000 });

    await b.page.locator('[data-testid=composer]').pressSequentially('I am drafting', { delay: 20 });
    await a.page.locator('[data-testid=typing]', { hasText: 'Omar Saleh is typing' }).waitFor({ timeout: 3_000 });

    await b.context.close();
    await a.page.locator('[data-testid=presence]', { hasText: 'Nobody else is online' }).waitFor({ timeout: 10_000 });
    await a.context.close();
  });

  it('announces a new message from someone else through the live region', async () => {
    const { a, b } = await twoMembersInAThread();
    await a.page.locator('[data-testid=composer]').fill('Seasonal permits should be renewable.');
    await a.page.keyboard.press('Enter');
    await b.page
      .locator('[data-testid=announcer][aria-live=polite]', { hasText: 'New message from Amina Haddad' })
      .waitFor({ state: 'attached', timeout: 2_000 });
    await a.context.close();
    await b.context.close();
  });
});
