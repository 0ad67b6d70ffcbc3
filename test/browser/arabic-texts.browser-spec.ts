import { readFile } from 'node:fs/promises';
import { Browser } from 'playwright-core';
import { createAction, createGroup, registerUser, uniqueName, updateAction } from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';

/** English words the product says about an action item: none may be left on an Arabic screen or in its CSV. */
const ENGLISH = /\b(open|in-progress|In progress|Open|Status|Priority|high|High|Objective|Obj\.|now|ago)\b/;

describe('Arabic in every word', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says a notification, an action’s history and its CSV in Arabic, and keeps relative times current', async () => {
    const facilitator = await registerUser('Huda Facilitator');
    const reader = await registerUser('Karim Reader');
    const group = await createGroup(facilitator, uniqueName('Labour mobility'), [[reader, 'member']]);
    const item = await createAction(facilitator, group.id, {
      title: 'Draft the skills note',
      focalPersonId: reader.id,
      priority: 'high',
      objectives: [18],
    });
    const moved = await updateAction(facilitator, item.id, { version: item.version, status: 'in-progress' });
    await updateAction(facilitator, item.id, { version: moved.version, priority: 'low' });

    const { context, page, errors } = await openSession(browser);
    // A clock the test can move: "now" must not stay "now".
    await context.clock.install();
    await signIn(page, reader, '/notifications');
    await page.locator('[data-testid=language-switch]').click();

    const list = page.locator('[data-testid=notifications]');
    const statusNotice = list.locator('li', { hasText: 'من مفتوحة إلى قيد التنفيذ' });
    await statusNotice.waitFor();
    expect(await statusNotice.innerText()).not.toMatch(ENGLISH);
    const time = statusNotice.locator('time');
    expect(await time.innerText()).toBe('الآن');
    await page.clock.fastForward('02:00');
    await page.waitForFunction((el) => el?.textContent !== 'الآن', await time.elementHandle());
    expect(await time.innerText()).toMatch(/^قبل (دقيقتين|٢ دقيقة|2 دقيقة)$/);

    await page.goto(`/groups/${group.id}/actions/${item.id}`);
    const history = page.locator('[data-testid=action-history]');
    await history.locator('li').nth(1).waitFor();
    const lines = await history.locator('li').allInnerTexts();
    expect(lines).toEqual([
      expect.stringMatching(/الحالة: مفتوحة ← قيد التنفيذ/),
      expect.stringMatching(/الأولوية: عالية ← منخفضة/),
    ]);
    expect(lines.join('\n')).not.toMatch(ENGLISH);
    expect(await page.locator('.objective-tags .tag').getAttribute('title')).toContain('الاستثمار في تنمية المهارات');

    await page.goto(`/groups/${group.id}/actions`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'تصدير CSV' }).click(),
    ]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const [header, row] = csv.split('\r\n');
    expect(header).toMatch(/^"المعرّف","العنوان","الحالة","سبب الحالة","الأولوية",/);
    expect(row.startsWith(`"${item.id}","Draft the skills note","قيد التنفيذ","","منخفضة",`)).toBe(true);
    expect(row).toContain('18. الاستثمار في تنمية المهارات');
    expect(csv.split('\r\n').slice(0, 2).join('\n').replace('Draft the skills note', '')).not.toMatch(ENGLISH);
    expect(errors).toEqual([]);
    await context.close();
  });
});
