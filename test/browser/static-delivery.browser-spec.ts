import { Browser, Response } from 'playwright-core';
import { baseUrl, registerUser } from './support/api';
import { launchBrowser, openSession, signIn, waitUntilLive } from './support/browser';

/**
 * What a browser gets for the client's own files, the checks a Lighthouse run makes: compressed text, hashed assets
 * cached for good, a page that is asked again on every load (so a deploy reaches every tab), and real files (never
 * the app's HTML) for robots.txt, the favicon and the web manifest.
 */
describe('static delivery', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('sends every script and stylesheet of the first load compressed and cached for good, the page revalidated', async () => {
    const user = await registerUser('Salma Static');
    const { context, page } = await openSession(browser);
    const responses: Response[] = [];
    page.on('response', (response) => responses.push(response));
    await signIn(page, user);
    await waitUntilLive(page);

    const own = (suffix: RegExp) =>
      responses.filter((r) => r.url().startsWith(baseUrl()) && suffix.test(new URL(r.url()).pathname));
    const assets = own(/^\/assets\/.*\.(js|css)$/);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const headers = await asset.allHeaders();
      expect({ url: asset.url(), encoding: headers['content-encoding'] }).toEqual({
        url: asset.url(),
        encoding: expect.stringMatching(/^(br|gzip)$/),
      });
      expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const [document] = responses.filter((r) => r.request().resourceType() === 'document');
    const headers = await document.allHeaders();
    // The page itself is under a kilobyte, below what is worth compressing.
    expect(headers['cache-control']).toBe('no-cache');
    await context.close();
  });

  it('answers robots.txt, favicon.ico and the web manifest with the files themselves, and a missing file with 404', async () => {
    const { context, page } = await openSession(browser);
    const expectations: [string, RegExp][] = [
      ['/robots.txt', /^text\/plain/],
      ['/favicon.ico', /^image\/(x-icon|vnd\.microsoft\.icon)/],
      ['/manifest.webmanifest', /^application\/manifest\+json/],
    ];
    for (const [path, type] of expectations) {
      const response = await page.goto(path);
      expect({ path, status: response?.status(), type: (await response?.allHeaders())?.['content-type'] }).toEqual({
        path,
        status: 200,
        type: expect.stringMatching(type),
      });
      expect((await response!.body()).toString('utf8')).not.toContain('<!doctype html>');
    }
    const manifest = (await (await page.goto('/manifest.webmanifest'))!.json()) as { icons: { src: string }[] };
    for (const icon of manifest.icons) expect((await page.goto(icon.src))?.status()).toBe(200);

    const missing = await page.goto('/assets/no-such-file-0123.js');
    expect(missing?.status()).toBe(404);
    // A client route (no file extension) is still the app.
    const route = await page.goto('/groups');
    expect(route?.status()).toBe(200);
    expect(await route!.text()).toContain('<div id="app">');
    await context.close();
  });

  it('compresses API answers of a kilobyte or more', async () => {
    const response = await fetch(`${baseUrl()}/api/docs-json`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
  });
});
