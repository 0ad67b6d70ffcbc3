import { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { baseUrl, createAction, createGroup, registerUser, uniqueName, updateAction, User } from './support/api';
import { launchBrowser, openSession, screenshot, seriousViolations, signIn, waitUntilLive } from './support/browser';

/**
 * Issue #20 items 3, 4 and 15 on My actions: split into "I lead / I support / I created", overdue first, filtered by
 * status, group and due date; live (an assignment and a moved due date show without a reload, the bell rises); fits
 * a phone. In English and Arabic.
 */
type Language = 'en' | 'ar';
const PARTS: Record<Language, [string, string, string]> = {
  en: ['I lead', 'I support', 'I created'],
  ar: ['أقودها', 'أدعمها', 'أنشأتها'],
};
const NO_MATCH: Record<Language, string> = {
  en: 'No action item matches these filters.',
  ar: 'لا مهام تطابق عوامل التصفية هذه.',
};

const DUE_CHANGED: Record<Language, string> = { en: 'Action due date changed', ar: 'تغيّر موعد استحقاق مهمة' };

async function markAllRead(user: User): Promise<void> {
  const res = await fetch(`${baseUrl()}/api/notifications/read`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${user.token}` },
    body: JSON.stringify({ all: true }),
  });
  if (!res.ok) throw new Error(`marking read answered ${res.status}`);
}

/**
 * Waits until the notifications the set-up's writes cause have reached `user` (they are stored after commit, so a
 * write's answer can come first), and holds back the reminders the shared server's every-minute job would add in
 * the middle of a test: each given (item, threshold, due date) counts as already sent, as its claim row says.
 */
async function settleNotifications(
  user: User,
  expected: { type: string; subjectId: string | null }[],
  reminded: { actionItemId: string; threshold: 'overdue' | 'due-soon'; dueDate: string }[],
): Promise<void> {
  const client = new Client({ connectionString: process.env.BROWSER_TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const r of reminded) {
      await client.query(
        `INSERT INTO action_item_reminders (action_item_id, threshold, due_date) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [r.actionItemId, r.threshold, r.dueDate],
      );
    }
  } finally {
    await client.end();
  }
  const until = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${baseUrl()}/api/notifications?limit=50`, {
      headers: { Authorization: `Bearer ${user.token}` },
    });
    if (!res.ok) throw new Error(`notifications answered ${res.status}`);
    const { items } = (await res.json()) as { items: { type: string; subjectId: string | null }[] };
    const missing = expected.filter((e) => !items.some((n) => n.type === e.type && n.subjectId === e.subjectId));
    if (missing.length === 0) return;
    if (Date.now() > until) throw new Error(`notifications never arrived: ${JSON.stringify(missing)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Puts a user in a new organization. Organizations are the workspace admin's, whom the shared server has not: set
 * directly in its database, as confirmAddress does for addresses.
 */
async function inOrganization(user: User, name: string): Promise<string> {
  const client = new Client({ connectionString: process.env.BROWSER_TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO organizations (name, kind, country) VALUES ($1, 'ngo', 'IQ') RETURNING id`,
      [name],
    );
    await client.query('UPDATE users SET organization_id = $1 WHERE id = $2', [rows[0].id, user.id]);
    return rows[0].id;
  } finally {
    await client.end();
  }
}

/** Titles under each part, in screen order. */
async function parts(page: Page): Promise<Record<string, string[]>> {
  const sections = page.locator('[data-testid=my-actions] section[data-part]');
  const result: Record<string, string[]> = {};
  for (const section of await sections.all()) {
    const part = (await section.getAttribute('data-part')) ?? '';
    result[part] = await section.locator('h3').allInnerTexts();
  }
  return result;
}

describe('my actions', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each<Language>(['en', 'ar'])('in %s', (language) => {
    /** Rana is a member of the ministry's group and facilitates her own; her organization supports one item. */
    async function setUp() {
      const rana = await registerUser(language === 'ar' ? 'رنا خليل' : 'Rana Khalil', { locale: language });
      const layla = await registerUser('Layla Haddad');
      const organization = await inOrganization(rana, uniqueName('Caritas'));
      const ministry = await createGroup(layla, uniqueName('Labour migration'), [[rana, 'member']]);
      const own = await createGroup(rana, uniqueName('Civil society'), [[layla, 'member']]);
      const late = await createAction(layla, ministry.id, {
        title: 'Late: count the permits',
        focalPersonId: rana.id,
        dueDate: day(-2),
      });
      const later = await createAction(layla, ministry.id, {
        title: 'Draft the procedure',
        focalPersonId: rana.id,
        dueDate: day(20),
      });
      await createAction(layla, ministry.id, {
        title: 'Cost the one-stop shop',
        supportingOrganizationIds: [organization],
        dueDate: day(5),
      });
      await createAction(rana, own.id, { title: 'Train the desk staff', focalPersonId: layla.id });
      // Not Rana's in any way: never listed.
      await createAction(layla, ministry.id, { title: 'Someone else’s', focalPersonId: layla.id });
      return { rana, layla, ministry, own, late, later };
    }

    it('splits the list into I lead, I support and I created, overdue first, filters it, and fits a phone', async () => {
      const { rana, own } = await setUp();
      const { context, page } = await openSession(browser);
      await signIn(page, rana, '/me/actions');
      await page.locator('[data-testid=my-actions]').waitFor();
      expect(await page.locator('[data-testid=my-actions] h2').allInnerTexts()).toEqual([
        expect.stringContaining(PARTS[language][0]),
        expect.stringContaining(PARTS[language][1]),
        expect.stringContaining(PARTS[language][2]),
      ]);
      expect(await parts(page)).toEqual({
        lead: ['Late: count the permits', 'Draft the procedure'],
        support: ['Cost the one-stop shop'],
        created: ['Train the desk staff'],
      });
      if (language === 'en') await screenshot(page, 'my-actions-en');

      await page.locator('.filters select').nth(1).selectOption(own.id);
      await page.waitForURL(/group=/);
      expect(await parts(page)).toEqual({ created: ['Train the desk staff'] });
      await page.locator('.filters select').nth(1).selectOption('');
      await page.locator('.filters select').nth(2).selectOption('overdue');
      await page.waitForURL(/due=overdue/);
      expect(await parts(page)).toEqual({ lead: ['Late: count the permits'] });
      await page.locator('.filters select').nth(0).selectOption('done');
      await page.getByText(NO_MATCH[language]).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      // On a phone: the whole list, no sideways scroll, nothing serious for assistive technology.
      await page.goto('/me/actions');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('[data-testid=my-actions] section[data-part=created]').waitFor();
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      ).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it('shows a new assignment and a moved due date live, and the bell tells of the date', async () => {
      const { rana, layla, ministry, late, later } = await setUp();
      await settleNotifications(
        rana,
        [
          { type: 'member.added', subjectId: ministry.id },
          { type: 'action.assigned', subjectId: late.id },
          { type: 'action.assigned', subjectId: later.id },
        ],
        [
          { actionItemId: late.id, threshold: 'overdue', dueDate: day(-2) },
          { actionItemId: later.id, threshold: 'due-soon', dueDate: day(1) },
        ],
      );
      await markAllRead(rana);
      const { context, page } = await openSession(browser);
      await signIn(page, rana, '/me/actions');
      await page.locator('[data-testid=my-actions]').waitFor();
      await waitUntilLive(page);
      expect(await page.locator('[data-testid=bell-count]').count()).toBe(0);

      await createAction(layla, ministry.id, { title: 'Brief the governors', focalPersonId: rana.id, dueDate: day(3) });
      await page.locator('section[data-part=lead] h3', { hasText: 'Brief the governors' }).waitFor({ timeout: 5_000 });
      expect((await parts(page)).lead).toEqual([
        'Late: count the permits',
        'Brief the governors',
        'Draft the procedure',
      ]);
      await page.locator('[data-testid=bell-count]', { hasText: '1' }).waitFor({ timeout: 5_000 });

      // Moving the date (issue item 4): the list re-orders, and the focal person is told.
      await updateAction(layla, later.id, { version: later.version, dueDate: day(1) });
      await page
        .locator('section[data-part=lead] li:nth-child(2) h3', { hasText: 'Draft the procedure' })
        .waitFor({ timeout: 5_000 });
      await page.locator('[data-testid=bell-count]', { hasText: '2' }).waitFor({ timeout: 5_000 });
      await page.locator('[data-testid=bell]').click();
      await page.locator('[data-testid=notifications]').getByText(DUE_CHANGED[language]).first().waitFor();
      await context.close();
    });
  });
});
