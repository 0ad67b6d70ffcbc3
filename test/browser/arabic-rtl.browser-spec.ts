import { Browser } from 'playwright-core';
import { me } from './support/api';
import { computedStyle, launchBrowser, openSession, screenshot, signIn, waitUntilLive } from './support/browser';
import { demoGroup } from './support/demo-group';

describe('Arabic and English', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('switching to Arabic lays the whole page out right to left and is saved on the user', async () => {
    const demo = await demoGroup();
    const { context, page, errors } = await openSession(browser);
    const threadPath = `/groups/${demo.group.id}/threads/${demo.discussion.id}`;
    const boardPath = `/groups/${demo.group.id}/actions`;

    await signIn(page, demo.facilitator, threadPath);
    await waitUntilLive(page);
    await page.locator('article[data-message-id]').nth(3).waitFor();
    expect(await page.evaluate('getComputedStyle(document.body).direction')).toBe('ltr');
    await screenshot(page, 'thread-en');
    await page.goto(boardPath);
    await page.locator('[data-status=blocked] [data-action-id]').waitFor();
    await screenshot(page, 'board-en');

    await page.locator('[data-testid=language-switch]').click();
    await page.getByRole('heading', { level: 1, name: 'المهام' }).waitFor();
    expect(await page.evaluate('[document.documentElement.dir, document.documentElement.lang]')).toEqual(['rtl', 'ar']);
    expect(await page.evaluate('getComputedStyle(document.body).direction')).toBe('rtl');
    expect(await page.locator('[data-status=open] h2').innerText()).toContain('مفتوحة');
    await screenshot(page, 'board-ar');

    await page.getByRole('link', { name: 'النقاشات' }).click();
    await page.getByRole('link', { name: 'Seasonal work permits: who issues them?' }).click();
    await page.locator('article[data-message-id]').nth(3).waitFor();
    // Icons that point (back, send, reply) are mirrored; user text keeps its own direction (dir="auto").
    expect(await computedStyle(page.locator('.page-actions .icon.flip'), 'transform')).toBe(
      'matrix(-1, 0, 0, 1, 0, 0)',
    );
    const english = page.locator('article[data-message-id] .message-body', { hasText: 'Ministry of Labour' });
    expect(await computedStyle(english, 'direction', 'p')).toBe('ltr');
    const arabic = page.locator('article[data-message-id] .message-body', { hasText: 'نافذة واحدة' });
    expect(await computedStyle(arabic, 'direction', 'p')).toBe('rtl');
    await screenshot(page, 'thread-ar');

    // Saved on the user: the server says so, and a reload (or another device) opens in Arabic.
    await expect(me(demo.facilitator)).resolves.toMatchObject({ locale: 'ar' });
    await page.reload();
    await page.getByRole('link', { name: 'كل النقاشات' }).waitFor();
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('formats numbers and dates through Intl in the chosen language', async () => {
    const demo = await demoGroup();
    const { context, page } = await openSession(browser);
    await signIn(page, demo.facilitator, `/groups/${demo.group.id}/report`);
    await page.locator('.totals dd').first().waitFor();
    expect(await page.locator('.totals dd').first().innerText()).toBe('4');
    await page.locator('[data-testid=language-switch]').click();
    await page.getByRole('heading', { level: 1, name: 'تقرير التقدّم' }).waitFor();
    expect(await page.locator('.totals dd').first().innerText()).toBe(new Intl.NumberFormat('ar').format(4));
    await context.close();
  });
});
