import { Browser } from 'playwright-core';
import { createGroup, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, signIn, waitUntilLive } from './support/browser';

describe('action items, live', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an assignment reaches the focal person live, and their status change reaches the facilitator’s board', async () => {
    const facilitator = await registerUser('Huda Facilitator');
    const focal = await registerUser('Karim Focal');
    const group = await createGroup(facilitator, uniqueName('Expatriates in development'), [[focal, 'member']]);

    const f = await openSession(browser);
    const p = await openSession(browser);
    await signIn(f.page, facilitator, `/groups/${group.id}/actions`);
    await signIn(p.page, focal, '/');
    await Promise.all([waitUntilLive(f.page), waitUntilLive(p.page)]);
    // Being added to the group is the focal person's one unread notification so far.
    const bell = p.page.locator('[data-testid=bell-count]');
    await bell.filter({ hasText: /^1$/ }).waitFor();

    // The facilitator assigns an action to the focal person through the form.
    await f.page.getByText('New action item').click();
    await f.page.getByLabel('Title', { exact: true }).fill('Map diaspora investment schemes');
    await f.page.getByLabel('Focal person').selectOption({ label: 'Karim Focal' });
    await f.page.getByLabel('Due').fill('2030-06-30');
    await f.page.getByRole('button', { name: 'Create action item' }).click();
    await f.page.getByRole('heading', { level: 1, name: 'Map diaspora investment schemes' }).waitFor();
    const actionId = f.page.url().split('/').pop()!;
    await f.page.getByRole('link', { name: 'All action items' }).click();
    const card = f.page.locator(`[data-action-id="${actionId}"]`);
    await f.page.locator(`[data-status=open] [data-action-id="${actionId}"]`).waitFor();

    // The focal person's bell counts it without a reload.
    await bell.filter({ hasText: /^2$/ }).waitFor({ timeout: 3_000 });
    await p.page.locator('[data-testid=bell]').click();
    await p.page.getByRole('button', { name: /Action assigned to you/ }).click();
    await p.page.getByRole('heading', { level: 1, name: 'Map diaspora investment schemes' }).waitFor();
    await p.page.locator('[data-testid=move-select]').first().selectOption('in-progress');
    await p.page.getByRole('button', { name: 'Move', exact: true }).first().click();
    await p.page.locator('[data-testid=action-status]', { hasText: 'In progress' }).waitFor();

    // The facilitator's board moves the card into the in-progress column on its own.
    await f.page.locator(`[data-status=in-progress] [data-action-id="${actionId}"]`).waitFor({ timeout: 3_000 });
    expect(await card.count()).toBe(1);
    expect(await bell.innerText()).toBe('1'); // the assignment was read by opening it
    expect([...f.errors, ...p.errors]).toEqual([]);
    await f.context.close();
    await p.context.close();
  });
});
