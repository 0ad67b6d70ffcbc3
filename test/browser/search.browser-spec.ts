import { Browser } from 'playwright-core';
import {
  closeRecommendation,
  createAction,
  createGroup,
  createThread,
  postMessage,
  registerUser,
  takePosition,
  uniqueName,
} from './support/api';
import { launchBrowser, openSession, seriousViolations, signIn } from './support/browser';

describe('search page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds Arabic written without the article, filters by kind and author, and links each kind to its place', async () => {
    const facilitator = await registerUser('Huda Facilitator', { locale: 'ar' });
    const member = await registerUser('Omar Member');
    const group = await createGroup(facilitator, uniqueName('الزراعة الموسمية'), [[member, 'member']]);
    const discussion = await createThread(member, group.id, { title: 'مواسم الحصاد' });
    const message = await postMessage(member, discussion.id, 'يحتاج العمال في الزراعة إلى عقود واضحة');
    const recommendation = await createThread(facilitator, group.id, {
      kind: 'recommendation',
      title: 'عقود العمل الموسمي',
      proposal: 'توحيد عقود العمال الموسميين',
    });
    await takePosition(member, recommendation.id, 'object', 'تنقص العقود حماية العمال من الحر');
    await closeRecommendation(facilitator, recommendation.id, 'adopted', 'اعتُمدت مع فصل عن العمال المنزليين');
    const action = await createAction(facilitator, group.id, { title: 'مسودة عقد موحد للعمال', description: '' });

    const { context, page, errors } = await openSession(browser);
    await signIn(page, facilitator, `/search?q=${encodeURIComponent('عمال')}`);
    const results = page.locator('[data-testid=search-results]');
    await results.waitFor();
    const kinds = async () => (await results.locator('li').evaluateAll((li) => li.map((e) => e.dataset.kind))).sort();
    expect(await kinds()).toEqual(['action-item', 'message', 'outcome', 'position', 'thread']);
    // العمال, للعمال: the word with its article or preposition is what is highlighted.
    const marked = await results.locator('mark').allInnerTexts();
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(word).toMatch(/^(ال|لل)?عمال$/);
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    expect(await seriousViolations(page)).toEqual([]);

    // Each kind opens where it is read.
    const href = (kind: string) => results.locator(`li[data-kind=${kind}] h2 a`).getAttribute('href');
    expect(await href('message')).toBe(`/groups/${group.id}/threads/${discussion.id}?message=${message.id}`);
    expect(await href('position')).toBe(`/groups/${group.id}/threads/${recommendation.id}`);
    expect(await href('action-item')).toBe(`/groups/${group.id}/actions/${action.id}`);

    // Kind, then the author among the group's members: the address carries the filters.
    await page.locator('select').nth(1).selectOption('position');
    await results.locator('li[data-kind=message]').waitFor({ state: 'detached' });
    expect(await kinds()).toEqual(['position']);
    await page.locator('select').nth(1).selectOption('');
    await results.locator('li[data-kind=action-item]').waitFor();
    await page.locator('select').first().selectOption(group.id);
    await page.locator(`select option[value="${member.id}"]`).waitFor({ state: 'attached' });
    await page.locator('select').nth(2).selectOption(member.id);
    await results.locator('li[data-kind=action-item]').waitFor({ state: 'detached' });
    expect(await kinds()).toEqual(['message', 'position']);
    expect(new URL(page.url()).searchParams.get('author')).toBe(member.id);

    // On a phone, in Arabic, the search filters and the action list's objective filter wrap: nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = () => page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`/groups/${group.id}/actions`);
    await page.getByRole('link', { name: 'مسودة عقد موحد للعمال' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
