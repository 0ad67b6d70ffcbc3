import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { baseUrl } from './support/api';
import { launchBrowser, openSession, screenshot, signIn } from './support/browser';
import { demoGroup } from './support/demo-group';
import { phoneOverflow, useLanguage } from './support/screen-checks';

const CASES = [
  { language: 'en', device: 'desktop', viewport: { width: 1280, height: 900 } },
  { language: 'ar', device: 'phone', viewport: { width: 390, height: 844 } },
  { language: 'ar', device: 'desktop', viewport: { width: 1280, height: 900 } },
  { language: 'en', device: 'phone', viewport: { width: 390, height: 844 } },
] as const;

const TEXTS = {
  en: { export: 'Export workbook (XLSX)', sheet: 'Actions', row: 'Row', apply: 'Apply', applied: 'Progress applied' },
  ar: { export: 'تصدير المصنّف (XLSX)', sheet: 'المهام', row: 'الصف', apply: 'تطبيق', applied: 'طُبّق التقدّم' },
};

/** The row of the Actions sheet whose title (column 2) is this. */
function rowOf(sheet: ExcelJS.Worksheet, title: string): number {
  let found = 0;
  sheet.eachRow((row, n) => {
    if (row.getCell(2).value === title) found = n;
  });
  if (!found) throw new Error(`no row for ${title}`);
  return found;
}

async function choose(page: Page, workbook: ExcelJS.Workbook, dir: string, name: string): Promise<void> {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  await page.locator('#workbook-file').setInputFiles(file);
}

/**
 * Issue #23, item 9 through the screen: the workbook downloaded from the report, a row's progress changed and a bad
 * row added in the file, re-imported: the preview shows the change and the refusal by row number, Apply stays off
 * until the bad row is gone, then applies. English and Arabic, desktop and phone.
 */
describe('progress workbook round trip', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const { language, device, viewport } of CASES) {
    it(`round-trips in ${language} on a ${device}`, async () => {
      const demo = await demoGroup();
      const text = TEXTS[language];
      const { context, page, errors } = await openSession(browser);
      await page.setViewportSize(viewport);
      await signIn(page, demo.facilitator, `/groups/${demo.group.id}/report`);
      await useLanguage(page, language);
      const section = page.locator('[data-testid=workbook]');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('button', { name: text.export }).click(),
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await download.path())!);
      const sheet = workbook.worksheets[3];
      expect(sheet.name).toBe(text.sheet);
      expect(!!sheet.views[0]?.rightToLeft).toBe(language === 'ar');

      const changed = rowOf(sheet, 'Draft the one-stop shop procedure');
      const actionId = String(sheet.getRow(changed).getCell(1).value);
      sheet.getRow(changed).getCell(12).value = 60;
      sheet.getRow(changed).getCell(13).value = 'Procedure drafted, awaiting legal review';
      const bad = rowOf(sheet, 'Choose the two pilot governorates');
      sheet.getRow(bad).getCell(12).value = 150;
      sheet.getRow(bad).getCell(13).value = 'Too far';
      const dir = mkdtempSync(join(tmpdir(), 'tansiq-workbook-'));
      await choose(page, workbook, dir, 'with-error.xlsx');

      const preview = page.locator('[data-testid=workbook-preview]');
      await preview.locator('[data-testid=workbook-changes]').waitFor();
      const changes = await preview.locator('[data-testid=workbook-changes] tbody tr').allInnerTexts();
      expect(changes).toHaveLength(1);
      expect(changes[0]).toContain(String(changed));
      expect(changes[0]).toContain('Draft the one-stop shop procedure');
      expect(changes[0]).toContain('60%');
      const refusal = await preview.locator('[data-testid=workbook-errors] li').allInnerTexts();
      expect(refusal).toEqual([expect.stringContaining(`${text.row} ${bad}:`)]);
      const apply = preview.getByRole('button', { name: text.apply });
      expect(await apply.isDisabled()).toBe(true);
      if (device === 'phone') expect(await phoneOverflow(page)).toBe(0);
      await preview.scrollIntoViewIfNeeded();
      await screenshot(page, `workbook-preview-${language}-${device}`);

      sheet.getRow(bad).getCell(12).value = null;
      sheet.getRow(bad).getCell(13).value = null;
      await choose(page, workbook, dir, 'fixed.xlsx');
      await preview.locator('[data-testid=workbook-errors]').waitFor({ state: 'detached' });
      await preview.locator('button:not([disabled])', { hasText: text.apply }).waitFor();
      await apply.click();
      await preview.getByText(text.applied).first().waitFor();

      const item = (await (
        await fetch(`${baseUrl()}/api/actions/${actionId}`, {
          headers: { Authorization: `Bearer ${demo.facilitator.token}` },
        })
      ).json()) as { progress: { claimed: number; claimPending: boolean } };
      expect(item.progress).toMatchObject({ claimed: 60, claimPending: true });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
