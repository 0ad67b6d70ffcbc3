import { Browser } from 'playwright-core';
import { baseUrl } from './support/api';
import { computedStyle, launchBrowser, openSession, screenshot, signIn } from './support/browser';
import { demoGroup } from './support/demo-group';
import { phoneOverflow, useLanguage } from './support/screen-checks';

type Demo = Awaited<ReturnType<typeof demoGroup>>;

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/**
 * Issue #23, item 8: a facilitator publishes the group's progress from its settings; the page opens signed out, in
 * English and Arabic, on a desktop and a phone, with the figures and no one's name or address.
 */
describe('published progress page', () => {
  let browser: Browser;
  let demo: Demo;
  let path: string;
  let widgetPath: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    demo = await demoGroup();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Everything in the demo group that names or reaches a person. */
  const personal = () =>
    [demo.facilitator, demo.ministry, demo.ngo, demo.observer].flatMap((u) => [u.displayName, u.email, u.id]);

  it('is published from the group settings as unlisted, with its link and the widget’s embed code', async () => {
    const { context, page, errors } = await openSession(browser);
    await signIn(page, demo.facilitator, `/groups/${demo.group.id}/settings`);
    const section = page.locator('[data-testid=publication-settings]');
    await section.getByRole('radio', { name: 'Not published' }).waitFor();
    expect(await section.getByRole('radio', { name: 'Not published' }).isChecked()).toBe(true);
    await section.getByRole('radio', { name: /^Unlisted/ }).check();
    const link = section.locator('#publication-link');
    await link.waitFor();
    const url = new URL(await link.inputValue());
    path = url.pathname;
    expect(path).toMatch(/^\/p\/[A-Za-z0-9_-]{43}$/);
    widgetPath = `${path}/widget`;
    expect(await section.locator('#publication-embed').inputValue()).toContain(
      `<iframe src="${url.origin}${widgetPath}"`,
    );
    await screenshot(page, 'publication-settings-en');
    // The audit log says who published, in the reader's language.
    await page.reload();
    await page.getByText(`${demo.facilitator.displayName} published the group’s progress`).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const language of ['en', 'ar'] as const) {
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      it(`opens signed out in ${language} on a ${device}: figures, no personal data`, async () => {
        const { context, page, errors } = await openSession(browser);
        await page.setViewportSize(viewport);
        await page.goto(path);
        await page.locator('[data-testid=published-page]').waitFor();
        await useLanguage(page, language);
        await page.getByRole('heading', { level: 1, name: 'Legal pathways and irregular migration' }).waitFor();
        // Four items from the demo: one done (100), one in progress (50), one blocked (50), one open (0).
        expect(await page.locator('[data-testid=published-claimed]').first().innerText()).toMatch(/%$/);
        expect(await page.locator('[data-testid=published-verified]').first().innerText()).toMatch(/%$/);
        const recommendations = page.locator('[data-testid=published-recommendations]');
        await recommendations.getByText('Create a one-stop shop for seasonal permits').waitFor();
        await recommendations.getByText('Draft the one-stop shop procedure').waitFor();
        const heading = language === 'ar' ? 'حسب هدف الميثاق العالمي' : 'By GCM objective';
        await page.getByRole('heading', { level: 2, name: heading }).waitFor();
        expect(await page.evaluate('document.documentElement.dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
        const text = await page.locator('body').innerText();
        const html = await page.content();
        for (const item of personal()) {
          expect({ item, inText: text.includes(item), inHtml: html.includes(item) }).toEqual({
            item,
            inText: false,
            inHtml: false,
          });
        }
        expect(text).not.toMatch(/@example\.org/);
        // Nobody is signed in: no account menu, no sign-in form in its place.
        expect(await page.locator('.whoami').count()).toBe(0);
        if (device === 'phone') expect(await phoneOverflow(page)).toBe(0);
        await screenshot(page, `published-${language}-${device}`);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }

  it('serves a widget that loads with its own styles under its CSP and carries no names', async () => {
    const { context, page, errors } = await openSession(browser);
    await page.goto(`${widgetPath}?lang=ar`);
    await page.locator('html[dir=rtl] h1').waitFor();
    // The nonce lets the one style block in: the bar is styled (no CSP refusal in the console either).
    expect(await computedStyle(page.locator('.bar').first(), 'border-radius')).toBe('5px');
    const text = await page.locator('body').innerText();
    for (const item of personal()) expect(text).not.toContain(item);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers the withdrawn address with not found', async () => {
    const res = await fetch(`${baseUrl()}/api/groups/${demo.group.id}/publication`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${demo.facilitator.token}` },
    });
    expect(res.status).toBe(204);
    const { context, page } = await openSession(browser);
    await page.goto(path);
    await page.getByText('No published progress page at this address').waitFor();
    expect(await page.locator('[data-testid=published-page]').count()).toBe(0);
    await context.close();
  });
});
