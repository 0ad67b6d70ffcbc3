import { Browser, Page } from 'playwright-core';
import {
  closeRecommendation,
  createGroup,
  createThread,
  postMessage,
  registerUser,
  takePosition,
  uniqueName,
  User,
} from './support/api';
import {
  computedStyle,
  launchBrowser,
  openSession,
  screenshot,
  seriousViolations,
  signIn,
  waitUntilLive,
} from './support/browser';

/**
 * Issue #20's "broken" items on the thread screen: the tally's Total row, the tally on a phone, Reply on a closed
 * recommendation, relative times that keep moving. In English and Arabic.
 */
type Language = 'en' | 'ar';
const LANGUAGES: Language[] = ['en', 'ar'];
const REPLY: Record<Language, string> = { en: 'Reply', ar: 'رد' };

/** A facilitator reading in `language`, two members, an open and a closed recommendation with positions. */
async function recommendationGroup(language: Language) {
  const facilitator = await registerUser(language === 'ar' ? 'ليلى حداد' : 'Layla Haddad', { locale: language });
  const ministry = await registerUser('Omar Saleh');
  const ngo = await registerUser('سارة ناصر');
  const group = await createGroup(facilitator, uniqueName('Legal pathways'), [
    [ministry, 'member'],
    [ngo, 'member'],
  ]);
  const open = await createThread(facilitator, group.id, {
    kind: 'recommendation',
    title: 'Publish permit statistics every quarter',
    proposal: 'Publish the number of permits issued, by sector and nationality, every quarter.',
  });
  await takePosition(ministry, open.id, 'endorse-with-reservations', 'Needs a budget line first.');
  await takePosition(ngo, open.id, 'object');
  await postMessage(ministry, open.id, 'The ministry can publish twice a year at first.');
  const closed = await createThread(facilitator, group.id, {
    kind: 'recommendation',
    title: 'Create a one-stop shop for seasonal permits',
    proposal: 'Create a one-stop shop where seasonal workers get their work permit and residence together.',
  });
  await postMessage(ngo, closed.id, 'نقترح نافذة واحدة للتصاريح والإقامة.');
  await closeRecommendation(facilitator, closed.id, 'adopted', 'Adopted, with a pilot in two governorates.');
  return { facilitator, ministry, ngo, group, open, closed };
}

const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

describe('day-one fixes on the thread screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(LANGUAGES)('in %s', (language) => {
    let demo: Awaited<ReturnType<typeof recommendationGroup>>;
    let threadPath: (id: string) => string;
    beforeAll(async () => {
      demo = await recommendationGroup(language);
      threadPath = (id) => `/groups/${demo.group.id}/threads/${id}`;
    });

    async function openThread(user: User, id: string, viewport = { width: 1280, height: 900 }) {
      const session = await openSession(browser);
      await session.page.setViewportSize(viewport);
      await signIn(session.page, user, threadPath(id));
      await session.page.locator('[data-testid=tally]').waitFor();
      expect(await session.page.evaluate('document.documentElement.lang')).toBe(language);
      return session;
    }

    it('lines the tally’s Total row up with its columns', async () => {
      const { context, page } = await openThread(demo.facilitator, demo.open.id);
      const lefts = (row: string) =>
        page.locator(`[data-testid=tally] ${row} > *`).evaluateAll((cells) =>
          cells.map((cell) => {
            const box = cell.getBoundingClientRect();
            return [Math.round(box.left), Math.round(box.width)];
          }),
        );
      const header = await lefts('thead tr');
      expect(await computedStyle(page.locator('[data-testid=tally] tr.totals'), 'display')).toBe('table-row');
      expect(await lefts('tr.totals')).toEqual(header);
      await context.close();
    });

    it('fits the tally, its stance column and the composer in a 390 px phone, with no sideways scroll', async () => {
      const { context, page } = await openThread(demo.facilitator, demo.open.id, { width: 390, height: 844 });
      await page.locator('[data-testid=composer]').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      for (const selector of ['[data-testid=tally] thead th:last-child', '[data-testid=composer]']) {
        const box = await page.locator(selector).boundingBox();
        expect({ selector, left: box!.x >= 0, right: box!.x + box!.width <= 390 }).toEqual({
          selector,
          left: true,
          right: true,
        });
      }
      expect(await seriousViolations(page)).toEqual([]);
      if (language === 'ar') await screenshot(page, 'thread-phone-ar');
      await context.close();
    });

    it('offers no Reply on a closed recommendation', async () => {
      const { context, page } = await openThread(demo.facilitator, demo.closed.id);
      await page.locator('article[data-message-id]').first().waitFor();
      await page.locator('[data-testid=outcome]').waitFor();
      expect(await page.getByRole('button', { name: REPLY[language] }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      // The open one still has it.
      await page.goto(threadPath(demo.open.id));
      await page.locator('article[data-message-id]').first().waitFor();
      expect(await page.getByRole('button', { name: REPLY[language] }).count()).toBe(1);
      await context.close();
    });

    it('says "now" for a new message and moves on with the minutes, alike in two windows, one on a slow clock', async () => {
      const sessions = [await openSession(browser), await openSession(browser)];
      await sessions[0].context.clock.install();
      // The second device's clock is five minutes slow: times are the server's, so it must not say "in 5 minutes".
      await sessions[1].context.clock.install({ time: Date.now() - 5 * 60_000 });
      for (const { page } of sessions) {
        await signIn(page, demo.facilitator, threadPath(demo.open.id));
        await waitUntilLive(page);
      }
      const body = `Posted now ${language} ${Date.now()}`;
      await postMessage(demo.ministry, demo.open.id, body);
      const times = sessions.map(({ page }) =>
        page.locator('article[data-message-id]', { hasText: body }).locator('time'),
      );
      const before = await Promise.all(times.map(async (time) => (await time.waitFor(), time.innerText())));
      expect(before).toEqual(language === 'en' ? ['now', 'now'] : ['الآن', 'الآن']);
      for (const { page } of sessions) await page.clock.fastForward('02:00');
      for (const time of times) await time.filter({ hasNotText: before[0] }).waitFor({ timeout: 5_000 });
      const after = await Promise.all(times.map((time) => time.innerText()));
      expect(after).toEqual(language === 'en' ? ['2 minutes ago', '2 minutes ago'] : ['قبل دقيقتين', 'قبل دقيقتين']);
      for (const { context } of sessions) await context.close();
    });
  });
});
