import { Browser } from 'playwright-core';
import { createGroup, createThread, postMessage, registerUser, uniqueName } from './support/api';
import { launchBrowser, messageTexts, openSession, signIn, waitUntilLive } from './support/browser';

describe('a client that goes offline', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every message posted meanwhile exactly once and in order when it is back, and sends its own', async () => {
    const facilitator = await registerUser('Layla Karim');
    const reader = await registerUser('Yusuf Adel');
    const group = await createGroup(facilitator, uniqueName('Border management'), [[reader, 'member']]);
    const thread = await createThread(facilitator, group.id, { title: 'Protection-sensitive screening' });
    const before = await postMessage(facilitator, thread.id, 'Message 0 (before going offline)');

    const { context, page, errors } = await openSession(browser);
    await signIn(page, reader, `/groups/${group.id}/threads/${thread.id}`);
    await waitUntilLive(page);
    await page.locator(`article[data-message-id="${before.id}"]`).waitFor();

    await context.setOffline(true);
    await page.locator('.connection[data-state=offline]').waitFor({ timeout: 5_000 });

    // Others keep posting, and this client writes too: its message waits as pending.
    const missed: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const body = `Message ${i} (while offline)`;
      await postMessage(facilitator, thread.id, body);
      missed.push(body);
    }
    await page.locator('[data-testid=composer]').fill('My reply written offline');
    await page.keyboard.press('Enter');
    await page.locator('article.pending', { hasText: 'My reply written offline' }).waitFor();
    expect(await messageTexts(page)).toEqual(['Message 0 (before going offline)']);

    await context.setOffline(false);
    await waitUntilLive(page, 15_000);
    await page
      .locator('article[data-message-id]', { hasText: 'My reply written offline' })
      .waitFor({ timeout: 10_000 });
    await page
      .locator('article[data-message-id]', { hasText: 'Message 6 (while offline)' })
      .waitFor({ timeout: 10_000 });
    // A moment for any late duplicate (live push after catch-up, a retried send) to show up if it were going to.
    await page.waitForTimeout(1_500);

    const texts = await messageTexts(page);
    expect(texts.slice(0, 7)).toEqual(['Message 0 (before going offline)', ...missed]);
    expect(texts).toHaveLength(8);
    expect(texts[7]).toBe('My reply written offline');
    const ids = await page
      .locator('article[data-message-id]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-message-id') as string));
    expect(new Set(ids).size).toBe(ids.length);
    const seqs = await page
      .locator('article[data-message-id]')
      .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(await page.locator('article.pending').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
