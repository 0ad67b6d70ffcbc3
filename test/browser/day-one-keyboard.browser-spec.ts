import { Browser, Page } from 'playwright-core';
import { createGroup, createThread, postMessage, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, signIn, waitUntilLive } from './support/browser';

/**
 * Issue #20 item 7, keyboard only: the composer of a long thread within a few presses, the emoji picker next to its
 * button and closed by Escape, focus kept after closing a recommendation; and the whole journey "take a position,
 * record an outcome, create an action from it" with Tab and Enter (and typing the words).
 */
type Language = 'en' | 'ar';
const REACT: Record<Language, string> = { en: 'React', ar: 'تفاعل' };

const focused = (page: Page, selector: string) =>
  page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`);

/** Presses Tab until `selector` has focus and returns how many presses that took (fails past `max`). */
async function tabsTo(page: Page, selector: string, max = 40): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await focused(page, selector)) return presses;
  }
  throw new Error(`${selector} not reached in ${max} Tab presses`);
}

describe('day-one keyboard fixes', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each<Language>(['en', 'ar'])('in %s', (language) => {
    async function nineMessages() {
      const facilitator = await registerUser(language === 'ar' ? 'ليلى حداد' : 'Layla Haddad', { locale: language });
      const member = await registerUser('Omar Saleh');
      const group = await createGroup(facilitator, uniqueName('Legal pathways'), [[member, 'member']]);
      const thread = await createThread(facilitator, group.id, {
        kind: 'recommendation',
        title: 'Publish permit statistics every quarter',
        proposal: 'Publish the number of permits issued, by sector and nationality, every quarter.',
      });
      for (let i = 1; i <= 9; i++) {
        await postMessage(i % 2 ? member : facilitator, thread.id, `Point ${i} on the quarterly figures.`);
      }
      return { facilitator, member, group, thread, path: `/groups/${group.id}/threads/${thread.id}` };
    }

    it('takes a position, records an outcome and creates an action from it with Tab and Enter only', async () => {
      const { facilitator, group, thread, path } = await nineMessages();
      const { context, page, errors } = await openSession(browser);
      await signIn(page, facilitator, path);
      await page.locator('article[data-message-id]').nth(8).waitFor();
      await waitUntilLive(page);

      // A fresh load of a 9-message thread: the message box within 15 presses, past the header by its skip link.
      await page.goto(path);
      await page.locator('article[data-message-id]').nth(8).waitFor();
      expect(await tabsTo(page, '.skip-link', 1)).toBe(1);
      await page.keyboard.press('Enter');
      const toSkip = await tabsTo(page, '.skip-inline', 12);
      await page.keyboard.press('Enter');
      expect(await focused(page, '[data-testid=composer]')).toBe(true);
      expect(1 + 1 + toSkip + 1).toBeLessThanOrEqual(15);

      // Take a position: Enter on a choice takes it.
      await page.locator('#page-title').focus();
      await tabsTo(page, 'input[name=position]');
      await page.keyboard.press('Enter');
      await page.locator('.position-form [role=status]').waitFor();
      await page.locator('.positions li', { hasText: facilitator.displayName }).waitFor();

      // Record the outcome.
      await tabsTo(page, '.outcome-form summary');
      await page.keyboard.press('Enter');
      await tabsTo(page, '#statement');
      await page.keyboard.type('Adopted: the first report is due in March.');
      await tabsTo(page, '.outcome-form button[type=submit]');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=outcome]').waitFor();
      // Focus stays in the recommendation, on the outcome it produced, not on the page's body.
      // The outcome renders first and takes focus in the frame after: wait for that frame, no longer (2 s).
      await page.waitForFunction(`document.activeElement?.matches('[data-testid=outcome] h3') ?? false`, undefined, {
        timeout: 2_000,
      });
      expect(await focused(page, '[data-testid=outcome] h3')).toBe(true);

      // Create an action from it: the link is the next stop, the form opens at its (pre-filled) title.
      await tabsTo(page, '[data-testid=outcome] a', 3);
      await page.keyboard.press('Enter');
      await page.locator('.action-form').waitFor();
      expect(await focused(page, '#new-action-title')).toBe(true);
      // Pre-filled from the recommendation (item 13): Enter creates it.
      await page.locator('[data-testid=action-origin]').waitFor();
      expect(await page.locator('#new-action-title').inputValue()).toBe(thread.title);
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/groups/${group.id}/actions/[0-9a-f-]+$`));
      await page.locator('[data-testid=action-status]').waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });

    it('puts the emoji picker right after its button, and Escape closes it and returns focus', async () => {
      const { facilitator, path } = await nineMessages();
      const { context, page } = await openSession(browser);
      await signIn(page, facilitator, path);
      const react = page.getByRole('button', { name: REACT[language] }).first();
      await react.focus();
      await page.keyboard.press('Enter');
      await page.locator('.emoji-picker').waitFor();
      expect(await react.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Tab');
      // The first stop after the button is an emoji, before the message's Edit and Delete.
      expect(await focused(page, '.emoji-picker button')).toBe(true);
      await page.keyboard.press('Escape');
      expect(await page.locator('.emoji-picker').count()).toBe(0);
      expect(await react.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
      // Escape on the button itself closes it too.
      await page.keyboard.press('Enter');
      await page.locator('.emoji-picker').waitFor();
      await page.keyboard.press('Escape');
      expect(await page.locator('.emoji-picker').count()).toBe(0);
      await context.close();
    });
  });
});
