import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { createAction, createGroup, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';
import { checkScreen, useLanguage } from './support/screen-checks';

/** Issue #20, item 14 (in part): a report prints as a clean page without the app around it, and exports as CSV. */
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
    await createAction(facilitator, group.id, { title: 'Map diaspora investment schemes', objectives: [19] });
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

    await checkScreen(page, 'group report', '[data-testid=by-objective-chart]');
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
    await page.getByRole('button', { name: 'طباعة' }).waitFor();
    await page.getByRole('button', { name: 'تصدير (CSV)' }).waitFor();
    await useLanguage(page, 'en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
