import { Browser } from 'playwright-core';
import { createGroup, PASSWORD, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, signIn, waitUntilLive } from './support/browser';

describe('invitations', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a facilitator invites by email; the invitee opens the link, signs in, accepts and lands in the group', async () => {
    const facilitator = await registerUser('Mona Facilitator');
    const invitee = await registerUser('Tariq Invitee');
    const name = uniqueName('Expatriates in national development');
    const group = await createGroup(facilitator, name);

    const f = await openSession(browser);
    await signIn(f.page, facilitator, `/groups/${group.id}/members`);
    await waitUntilLive(f.page);
    await f.page.locator('#invite-email').fill(invitee.email);
    await f.page.locator('#invite-role').selectOption('member');
    await f.page.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = await f.page.locator('#invite-link').inputValue();
    expect(link).toMatch(/\/invitations\/[^/]+$/);

    const token = new URL(link).pathname.split('/').pop()!;
    const i = await openSession(browser);
    const accepts: string[] = [];
    i.page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/accept'))
        accepts.push(new URL(request.url()).pathname);
    });
    await i.page.goto(new URL(link).pathname);
    await i.page.getByRole('heading', { name: 'Sign in to accept your invitation' }).waitFor();
    await i.page.locator('#email').fill(invitee.email);
    await i.page.locator('#password').fill(PASSWORD);
    await i.page.keyboard.press('Enter');
    await i.page.getByRole('button', { name: 'Accept invitation' }).click();
    await i.page.locator('.group-name', { hasText: name }).waitFor();
    expect(new URL(i.page.url()).pathname).toBe(`/groups/${group.id}`);
    // Accepted with the link's secret token, the only way the server takes (never the invitation's id).
    expect(accepts).toEqual([`/api/invitations/${token}/accept`]);

    // The facilitator's member list shows the new member without a reload.
    await f.page.locator('[data-testid=members] tr', { hasText: 'Tariq Invitee' }).waitFor({ timeout: 3_000 });
    expect([...f.errors, ...i.errors]).toEqual([]);
    await f.context.close();
    await i.context.close();
  });
});
