import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { baseUrl, createAction, createGroup, registerUser, uniqueName, User } from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';
import { checkScreen, useLanguage } from './support/screen-checks';

/** Issue #20, item 14 (in part): a report prints as a clean page without the app around it, and exports as CSV. */
/** A progress note on an action item, over the API. */
async function progressNote(by: User, actionId: string, body: string): Promise<void> {
  const res = await fetch(`${baseUrl()}/api/actions/${actionId}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${by.token}` },
    body: JSON.stringify({ body, kind: 'progress' }),
  });
  if (!res.ok) throw new Error(`progress note answered ${res.status}`);
}

describe('the report page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('prints without the app around it and exports its numbers, in both languages', async () => {
    const facilitator = await registerUser('Nour Facilitator');
    const group = await createGroup(facilitator, uniqueName('Diaspora engagement'));
    const action = await createAction(facilitator, group.id, {
      title: 'Map diaspora investment schemes',
      objectives: [19],
    });
    await progressNote(facilitator, action.id, 'Survey sent to 40 diaspora associations');
    await progressNote(facilitator, action.id, 'Twelve schemes mapped so far');
    const { context, page, errors } = await openSession(browser);
    await signIn(page, facilitator, `/groups/${group.id}/report`);
    await page.locator('[data-testid=by-objective-chart]').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('progress-report.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('19');

    // The narrative quotes the latest progress note only.
    const narrative = page.locator('[data-testid=narrative]');
    await narrative.getByText('Twelve schemes mapped so far').waitFor();
    expect(await narrative.getByText('Survey sent').count()).toBe(0);
    await checkScreen(page, 'group report', '[data-testid=by-objective-chart]');

    // A period: only the items created in it, in the address so a shared or printed report says which days.
    await page.locator('#report-from').fill('2999-01-01');
    await page.locator('#report-from').dispatchEvent('change');
    await narrative.getByText('No progress note yet.').waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe('2999-01-01');
    await page.getByRole('button', { name: 'All time' }).click();
    await narrative.getByText('Twelve schemes mapped so far').waitFor();
    for (const language of ['en', 'ar'] as const) {
      await useLanguage(page, language);
      await page.emulateMedia({ media: 'print' });
      expect({ language, header: await page.locator('.app-header').isVisible() }).toEqual({ language, header: false });
      expect(await page.locator('.page-actions').isVisible()).toBe(false);
      expect(await page.locator('[data-testid=by-objective-chart]').isVisible()).toBe(true);
      expect(await page.locator('h1').isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.length).toBeGreaterThan(1000);
      await page.emulateMedia({ media: 'screen' });
    }
    await useLanguage(page, 'ar');
    await page.getByRole('heading', { level: 2, name: 'السرد: آخر ملاحظة تقدّم لكل إجراء' }).waitFor();
    await page.getByRole('button', { name: 'طباعة' }).waitFor();
    await page.getByRole('button', { name: 'تصدير (CSV)' }).waitFor();
    await useLanguage(page, 'en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
