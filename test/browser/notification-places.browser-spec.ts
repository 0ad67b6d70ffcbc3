import { Browser, Page } from 'playwright-core';
import { createGroup, createThread, postMessage, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, seriousViolations, signIn, waitUntilLive } from './support/browser';
import { checkScreen, phoneOverflow, useLanguage } from './support/screen-checks';

/** Issue #20, item 12: notifications say where (group, discussion or action) with an excerpt; the bell lists in place. */
describe('notifications say where', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openBell(page: Page): Promise<void> {
    if ((await page.locator('[data-testid=bell-panel]').count()) === 0)
      await page.locator('[data-testid=bell]').click();
    await page.locator('[data-testid=bell-panel] [data-testid=notifications] li').first().waitFor();
  }

  it('the bell opens the latest in place with group, discussion and excerpt, in both languages, and leads to all of them', async () => {
    const author = await registerUser('Samir Author');
    const reader = await registerUser('Rana Reader');
    const groupName = uniqueName('Return and reintegration');
    const group = await createGroup(author, groupName, [[reader, 'member']]);
    const thread = await createThread(author, group.id, { title: 'Reintegration grants for returnees' });
    await postMessage(author, thread.id, `<@${reader.id}> could you share the figures for the northern governorates?`);

    const { context, page, errors } = await openSession(browser);
    await signIn(page, reader, '/');
    await waitUntilLive(page);
    // Added to the group, then mentioned: two.
    await page.locator('[data-testid=bell-count]', { hasText: '2' }).waitFor();
    expect(await page.locator('[data-testid=bell]').getAttribute('aria-expanded')).toBe('false');
    await openBell(page);
    expect(await page.locator('[data-testid=bell]').getAttribute('aria-expanded')).toBe('true');
    const item = page.locator('[data-testid=bell-panel] li', { hasText: 'You were mentioned' });
    const added = page.locator('[data-testid=bell-panel] li', { hasText: 'Added to a group' });
    expect(await item.locator('[data-testid=notification-place]').innerText()).toBe(
      `In ${groupName} · Reintegration grants for returnees`,
    );
    expect(await item.locator('[data-testid=notification-excerpt]').innerText()).toBe(
      '@Rana Reader could you share the figures for the northern governorates?',
    );
    expect(await added.locator('[data-testid=notification-place]').innerText()).toBe(`In ${groupName}`);
    expect(await added.locator('[data-testid=notification-excerpt]').count()).toBe(0);
    await page.getByRole('link', { name: 'See all notifications' }).waitFor();

    for (const language of ['en', 'ar'] as const) {
      await useLanguage(page, language);
      await openBell(page);
      const violations = await seriousViolations(page);
      expect({ language, violations }).toEqual({ language, violations: [] });
      expect({ language, overflow: await phoneOverflow(page) }).toEqual({ language, overflow: 0 });
    }
    const arabicItem = page.locator('[data-testid=bell-panel] li').first();
    expect(await arabicItem.locator('[data-testid=notification-place]').innerText()).toBe(
      `في ${groupName} · Reintegration grants for returnees`,
    );
    await page.getByRole('link', { name: 'عرض كل الإشعارات' }).waitFor();

    // Escape closes it and gives the focus back to the bell.
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid=bell-panel]').count()).toBe(0);
    expect(await page.evaluate('document.activeElement.dataset.testid')).toBe('bell');

    await useLanguage(page, 'en');
    await openBell(page);
    await page.getByRole('link', { name: 'See all notifications' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    expect(await page.locator('[data-testid=bell-panel]').count()).toBe(0);
    await page.locator('main [data-testid=notification-excerpt]', { hasText: 'northern governorates' }).waitFor();
    await checkScreen(page, 'notifications', 'main [data-testid=notification-place]');

    // Opening it from the bell goes to the message and marks it read.
    await openBell(page);
    await page.locator('[data-testid=bell-panel] li button').first().click();
    await page.getByRole('heading', { level: 1, name: 'Reintegration grants for returnees' }).waitFor();
    expect(await page.locator('[data-testid=bell-panel]').count()).toBe(0);
    await page.locator('[data-testid=bell-count]', { hasText: '1' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
