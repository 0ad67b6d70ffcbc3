import { Page } from 'playwright-core';
import { seriousViolations } from './browser';

export type Language = 'en' | 'ar';

/** Switches the page to a language with the header's switch (saved on the user, as a person would do it). */
export async function useLanguage(page: Page, language: Language): Promise<void> {
  const current = await page.evaluate<string>('document.documentElement.lang');
  if (current !== language) await page.locator('[data-testid=language-switch]').click();
  await page.locator(`html[lang=${language}][dir=${language === 'ar' ? 'rtl' : 'ltr'}]`).waitFor();
}

/** How far the document is wider than the viewport at phone width (390 × 844): 0 when nothing overflows. */
export async function phoneOverflow(page: Page): Promise<number> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    // Two frames: the layout at the new width is done before it is measured.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    return await page.evaluate<number>(
      'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
    );
  } finally {
    await page.setViewportSize(before);
  }
}

/**
 * The checks every screen owes in both languages: axe finds no serious or critical violation, and at phone width
 * the document is no wider than the viewport. `ready` is a locator the screen shows once loaded.
 */
export async function checkScreen(page: Page, screen: string, ready: string): Promise<void> {
  for (const language of ['en', 'ar'] as const) {
    await useLanguage(page, language);
    await page.locator(ready).first().waitFor();
    const violations = await seriousViolations(page);
    expect({ screen, language, violations }).toEqual({ screen, language, violations: [] });
    expect({ screen, language, overflow: await phoneOverflow(page) }).toEqual({ screen, language, overflow: 0 });
  }
  await useLanguage(page, 'en');
}
