import { Browser } from 'playwright-core';
import { closeRecommendation, createGroup, createThread, postMessage, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, seriousViolations, signIn } from './support/browser';

/**
 * Issue #20 item 13: an action item made from a recommendation or a message starts filled in from it (its title, a
 * quote, a link back), says where it came from, and offers no observer as its focal person. In English and Arabic,
 * on a desktop and on a 390 px phone.
 */
type Language = 'en' | 'ar';
const TEXT: Record<Language, { toAction: string; fromRecommendation: string; fromMessage: string }> = {
  en: {
    toAction: 'Make an action item',
    fromRecommendation: 'From the recommendation',
    fromMessage: 'From a message by',
  },
  ar: { toAction: 'تحويل إلى مهمة', fromRecommendation: 'من التوصية', fromMessage: 'من رسالة' },
};

describe('an action item from its source', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each<Language>(['en', 'ar'])('in %s', (language) => {
    async function setUp() {
      const facilitator = await registerUser(language === 'ar' ? 'ليلى حداد' : 'Layla Haddad', { locale: language });
      const member = await registerUser('Omar Saleh');
      const observer = await registerUser('Daniel Observer');
      const group = await createGroup(facilitator, uniqueName('Legal pathways'), [
        [member, 'member'],
        [observer, 'observer'],
      ]);
      const recommendation = await createThread(facilitator, group.id, {
        kind: 'recommendation',
        title: 'Create a one-stop shop for seasonal permits',
        proposal: 'Create a one-stop shop where seasonal workers get their work permit and residence together.',
      });
      await closeRecommendation(
        facilitator,
        recommendation.id,
        'adopted',
        'Adopted, with a pilot in two governorates.',
      );
      const discussion = await createThread(facilitator, group.id, { title: 'Seasonal work permits' });
      const message = await postMessage(
        member,
        discussion.id,
        'The ministry will publish the permit figures every quarter.\n\nThe first report is due in March.',
      );
      return { facilitator, member, observer, group, recommendation, discussion, message };
    }

    it('fills the form from a recommendation, says so, links back and leaves observers out', async () => {
      const { facilitator, member, observer, group, recommendation } = await setUp();
      const { context, page, errors } = await openSession(browser);
      await signIn(page, facilitator, `/groups/${group.id}/threads/${recommendation.id}`);
      await page.locator('[data-testid=outcome] a').click();
      const title = page.locator('#new-action-title');
      await page.locator('[data-testid=action-origin]').waitFor();
      expect(await title.inputValue()).toBe('Create a one-stop shop for seasonal permits');
      expect(await page.locator('#new-action-description').inputValue()).toBe(
        '> Adopted, with a pilot in two governorates.',
      );
      const origin = page.locator('[data-testid=action-origin]');
      expect(await origin.innerText()).toContain(TEXT[language].fromRecommendation);
      expect(await origin.locator('a').getAttribute('href')).toBe(`/groups/${group.id}/threads/${recommendation.id}`);
      const focal = await page.locator('#new-action-focal option').allInnerTexts();
      expect(focal).toContain(member.displayName);
      expect(focal).not.toContain(observer.displayName);
      expect(await seriousViolations(page)).toEqual([]);

      await page.locator('.action-form button[type=submit]').click();
      await page.locator('[data-testid=action-status]').waitFor();
      expect(await page.locator('h1').innerText()).toBe('Create a one-stop shop for seasonal permits');
      expect(await page.locator('.description').innerText()).toContain('Adopted, with a pilot in two governorates.');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('quotes a message with its author, and the form fits a 390 px phone', async () => {
      const { facilitator, group, discussion, message } = await setUp();
      const { context, page } = await openSession(browser);
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, facilitator, `/groups/${group.id}/threads/${discussion.id}`);
      await page
        .locator(`article[data-message-id="${message.id}"]`)
        .getByRole('link', { name: TEXT[language].toAction })
        .click();
      const origin = page.locator('[data-testid=action-origin]');
      await origin.waitFor();
      expect(await page.locator('#new-action-title').inputValue()).toBe(
        'The ministry will publish the permit figures every quarter.',
      );
      expect(await page.locator('#new-action-description').inputValue()).toBe(
        '> The ministry will publish the permit figures every quarter.\n>\n> The first report is due in March.\n— Omar Saleh',
      );
      expect(await origin.innerText()).toContain(TEXT[language].fromMessage);
      expect(await origin.innerText()).toContain('Omar Saleh');
      expect(await origin.locator('a').getAttribute('href')).toBe(
        `/groups/${group.id}/threads/${discussion.id}?message=${message.id}`,
      );
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      ).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  });
});
