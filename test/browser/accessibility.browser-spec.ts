import { Browser, Page } from 'playwright-core';
import { createThread } from './support/api';
import { launchBrowser, openSession, seriousViolations, signIn, waitUntilLive } from './support/browser';
import { demoGroup } from './support/demo-group';
import { checkScreen } from './support/screen-checks';

/**
 * axe-core on every screen (with its forms opened), in English and in Arabic: no serious or critical WCAG 2.1 A/AA
 * violation, and at phone width (390 px) nothing wider than the screen.
 */
describe('accessibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function scan(page: Page, screen: string): Promise<void> {
    const violations = await seriousViolations(page);
    expect({ screen, violations }).toEqual({ screen, violations: [] });
  }

  async function open(page: Page, path: string, ready: string, expand: string[] = []): Promise<void> {
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    for (const summary of expand) await page.locator('summary', { hasText: summary }).first().click();
  }

  it('finds no serious or critical violation on the signed-out screens', async () => {
    const { context, page } = await openSession(browser);
    for (const [screen, path, ready] of [
      ['sign in', '/login', '#email'],
      ['register', '/register', '#displayName'],
      ['invitation (signed out)', '/invitations/some-token', '#email'],
    ]) {
      await open(page, path, ready);
      await checkScreen(page, screen, ready);
    }
    await context.close();
  });

  it('finds no serious or critical violation and no sideways scroll on any signed-in screen, in both languages', async () => {
    const demo = await demoGroup();
    const open_ = await createThread(demo.facilitator, demo.group.id, {
      title: 'Publish permit statistics every quarter',
      kind: 'recommendation',
      proposal: 'Publish the number of permits issued, by sector and nationality, every quarter.',
    });
    const { context, page } = await openSession(browser);
    const g = `/groups/${demo.group.id}`;
    await signIn(page, demo.facilitator, '/');
    await waitUntilLive(page);

    const screens: [string, string, string, string[]][] = [
      ['my groups', '/', '[data-testid=group-list]', ['New working group']],
      ['threads', g, '[data-testid=thread-list]', ['Start a discussion']],
      ['discussion', `${g}/threads/${demo.discussion.id}`, 'article[data-message-id]', []],
      ['open recommendation', `${g}/threads/${open_.id}`, '[data-testid=tally]', ['Record the outcome']],
      ['closed recommendation', `${g}/threads/${demo.recommendation.id}`, '[data-testid=outcome]', []],
      ['action board', `${g}/actions`, '[data-testid=board]', ['New action item']],
      ['action list', `${g}/actions?view=list`, '[data-testid=action-table]', []],
      ['report', `${g}/report`, '[data-testid=by-objective-chart]', ['Show the numbers']],
      ['members', `${g}/members`, '[data-testid=members]', []],
      ['notifications', '/notifications', '[data-testid=notifications], main p.muted', []],
      ['search', '/search?q=permits', '[data-testid=search-results]', []],
      ['my actions', '/me/actions', 'main h1', []],
      ['files', `${g}/files`, 'main h1', []],
      ['profile', '/me', '[data-testid=profile]', []],
    ];
    for (const [screen, path, ready, expand] of screens) {
      await open(page, path, ready, expand);
      await checkScreen(page, screen, ready);
    }

    // The thread with its menus open: emoji picker, reply, edit.
    await open(page, `${g}/threads/${demo.discussion.id}`, 'article[data-message-id]');
    await page.getByRole('button', { name: 'React' }).first().click();
    await page.getByRole('button', { name: 'Reply' }).first().click();
    await page.getByRole('button', { name: 'Edit' }).first().click();
    await scan(page, 'discussion with menus open');

    // An action item's page.
    await open(page, `${g}/actions`, '[data-testid=board]');
    await page.locator('[data-testid=board] h3 a').first().click();
    await page.locator('[data-testid=action-status]').waitFor();
    await checkScreen(page, 'action detail', '[data-testid=action-status]');
    await context.close();
  });
});
