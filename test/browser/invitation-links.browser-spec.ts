import { Browser } from 'playwright-core';
import { createGroup, invite, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';
import { checkScreen, useLanguage } from './support/screen-checks';

/**
 * Issue #20, item 11: a facilitator gets an invitation's link again or resends it; the invitee's page says which
 * group, role and inviter and fills in the address; a wrong account is told which one to use.
 */
describe('invitation links', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a facilitator copies a new link and resends it; the invitee opens it signed out, or with the wrong account', async () => {
    const facilitator = await registerUser('Hala Facilitator');
    const invitee = await registerUser('Omar Invitee');
    const stranger = await registerUser('Zaid Stranger');
    const name = uniqueName('Labour migration data');
    const group = await createGroup(facilitator, name);
    await invite(facilitator, group.id, invitee.email, 'observer');

    const f = await openSession(browser);
    await signIn(f.page, facilitator, `/groups/${group.id}/members`);
    await f.page.getByRole('button', { name: `New link for ${invitee.email}` }).click();
    await f.page.getByText(`A new link for ${invitee.email}: the earlier one no longer works.`).waitFor();
    const copied = await f.page.locator('#invite-link').inputValue();
    expect(copied).toMatch(/\/invitations\/[A-Za-z0-9_-]+$/);
    await f.page.getByRole('button', { name: `Resend to ${invitee.email}` }).click();
    await f.page.getByText(`A new link was emailed to ${invitee.email}`).waitFor();
    const resent = await f.page.locator('#invite-link').inputValue();
    expect(resent).not.toBe(copied);
    await checkScreen(f.page, 'members with a renewed invitation', '#invite-link');
    await useLanguage(f.page, 'ar');
    await f.page.getByRole('button', { name: `إعادة الإرسال إلى ${invitee.email}` }).waitFor();
    await f.page.getByRole('button', { name: `رابط جديد لـ ${invitee.email}` }).waitFor();
    await useLanguage(f.page, 'en');
    expect(f.errors).toEqual([]);
    await f.context.close();

    // Signed out: the page names the group, the role and who invited, and fills in the invited address.
    const path = new URL(resent).pathname;
    const i = await openSession(browser);
    await i.page.goto(path);
    await i.page.getByRole('heading', { name: 'Sign in to accept your invitation' }).waitFor();
    expect(await i.page.locator('[data-testid=invitation-summary]').innerText()).toContain(
      `Hala Facilitator invited you to join ${name} as Observer.`,
    );
    await i.page.waitForFunction(`document.querySelector('#email')?.value === ${JSON.stringify(invitee.email)}`);
    expect(await i.page.locator('#email').inputValue()).toBe(invitee.email);
    expect(await i.page.getByRole('link', { name: 'Register' }).getAttribute('href')).toContain(
      `email=${encodeURIComponent(invitee.email)}`,
    );
    await checkScreen(i.page, 'invitation (signed out)', '[data-testid=invitation-summary]');
    await i.context.close();

    // Signed in as someone else: told which account the invitation is for, and offered to switch.
    const w = await openSession(browser);
    await signIn(w.page, stranger, path);
    const wrong = w.page.locator('[data-testid=wrong-account]');
    await wrong.waitFor();
    expect(await wrong.innerText()).toContain(
      `This invitation is for ${invitee.email}, but you are signed in as ${stranger.email}.`,
    );
    expect(await w.page.getByRole('button', { name: 'Accept invitation' }).count()).toBe(0);
    await checkScreen(w.page, 'invitation (wrong account)', '[data-testid=wrong-account]');
    await useLanguage(w.page, 'ar');
    expect(await wrong.innerText()).toContain(`هذه الدعوة موجهة إلى ${invitee.email}`);
    await useLanguage(w.page, 'en');
    await w.page.getByRole('button', { name: `Sign out and sign in as ${invitee.email}` }).click();
    await w.page.getByRole('heading', { name: 'Sign in to accept your invitation' }).waitFor();
    expect(await w.page.locator('#email').inputValue()).toBe(invitee.email);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
