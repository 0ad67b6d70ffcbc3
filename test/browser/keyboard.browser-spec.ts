import { Browser, Page } from 'playwright-core';
import { createGroup, createThread, PASSWORD, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, tabTo, waitUntilLive } from './support/browser';

/** The focused element shows a visible focus indicator (an outline that is drawn). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  })()`);
}

describe('keyboard only', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in, opens a group and a thread, and posts a message without a mouse', async () => {
    const user = await registerUser('Salma Keyboard');
    const group = await createGroup(user, uniqueName('Preparation of the regional review'));
    const thread = await createThread(user, group.id, { title: 'Timeline of the national report' });
    const { context, page, errors } = await openSession(browser);
    await page.goto('/login');

    expect(await tabTo(page, '#email')).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.type(user.email);
    expect(await tabTo(page, '#password', 3)).toBe(true);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=group-list]').waitFor();
    await waitUntilLive(page);

    expect(await tabTo(page, `a[href="/groups/${group.id}"]`)).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=thread-list]').waitFor();
    // After navigating, focus starts at the new page's heading, as after a page load.
    expect(await page.evaluate('document.activeElement.id')).toBe('page-title');

    expect(await tabTo(page, `a[href="/groups/${group.id}/threads/${thread.id}"]`)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await tabTo(page, '[data-testid=composer]')).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.type('Draft timeline attached; comments welcome by Friday.');
    await page.keyboard.press('Enter');
    await page
      .locator('article[data-message-id]', { hasText: 'Draft timeline attached; comments welcome by Friday.' })
      .waitFor({ timeout: 5_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('picks a mention from the suggestions with the arrow keys and Enter', async () => {
    const author = await registerUser('Hana Author');
    const other = await registerUser('Omar Mentioned');
    const group = await createGroup(author, uniqueName('Border management'), [[other, 'member']]);
    const thread = await createThread(author, group.id, { title: 'Screening at the border' });
    const { context, page } = await openSession(browser);
    await page.goto(`/groups/${group.id}/threads/${thread.id}`);
    await page.locator('#email').fill(author.email);
    await page.locator('#password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=composer]').focus();

    await page.keyboard.type('Could @Om');
    const option = page.getByRole('option', { name: /Omar Mentioned/ });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid=composer]').inputValue()).toBe('Could @Omar Mentioned ');
    await page.keyboard.type('check the figures?');
    await page.keyboard.press('Enter');

    const mention = page.locator('article[data-message-id] .mention');
    await mention.waitFor({ timeout: 5_000 });
    expect(await mention.innerText()).toBe('@Omar Mentioned');
    expect(await mention.getAttribute('data-user-id')).toBe(other.id);
    await context.close();
  });
});
