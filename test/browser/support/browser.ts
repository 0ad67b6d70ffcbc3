import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { baseUrl, PASSWORD, User } from './api';

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and CSP refusals: a test may assert there were none. */
  errors: string[];
}

/** A fresh browser profile (its own storage, its own socket) with one page. */
export async function openSession(browser: Browser, options: { bypassCSP?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A CSP refusal is only a console message: count it as an error, the client must not need anything refused.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, user: User, path = '/'): Promise<void> {
  await page.goto(path);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.locator('.whoami').waitFor();
}

export async function waitUntilLive(page: Page, timeout = 10_000): Promise<void> {
  await page.locator('.connection[data-state=connected]').waitFor({ timeout });
}

/** Bodies of the messages on screen, in screen order (stored ones, not pending copies). */
export async function messageTexts(page: Page): Promise<string[]> {
  return page.locator('article[data-message-id] .message-body').allInnerTexts();
}

let axeSource: string | null = null;
interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations. The script is evaluated through
 * the DevTools protocol, which the page's CSP does not govern, so the page itself keeps its strict policy.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate<AxeViolation[]>(`axe
    .run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((result) => result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`);
}

/** Presses Tab until the focused element matches the selector (and returns true), or gives up. */
export async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<boolean> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate<boolean>(
      `document.activeElement !== null && document.activeElement.matches(${JSON.stringify(selector)})`,
    );
    if (found) return true;
  }
  return false;
}

/**
 * A computed style of the first element a locator finds (or of its first descendant matching `inner`). It runs
 * in the page; the test project has no DOM typings, so the window is reached through the element.
 */
export async function computedStyle(locator: Locator, property: string, inner = ''): Promise<string> {
  return locator.first().evaluate(
    (element, [selector, name]) => {
      const target = (selector && element.querySelector(selector)) || element;
      return element.ownerDocument.defaultView.getComputedStyle(target).getPropertyValue(name) as string;
    },
    [inner, property] as const,
  );
}

const SCREENSHOTS = resolve(__dirname, '../screenshots');

/** The picture README.md shows of this screen (test/browser/screenshots/<name>.png), rewritten on every run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Hide the caret and focus ring so reruns give the same picture.
  await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: false });
}
