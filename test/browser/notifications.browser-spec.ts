import { Browser } from 'playwright-core';
import { createAction, createGroup, createThread, postMessage, registerUser, uniqueName } from './support/api';
import { launchBrowser, openSession, signIn, waitUntilLive } from './support/browser';

describe('notifications', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('are said in the reader’s language from their type and data, and switch with it', async () => {
    const facilitator = await registerUser('Huda Facilitator');
    const reader = await registerUser('Karim Reader');
    const groupName = uniqueName('Labour mobility');
    const group = await createGroup(facilitator, groupName, [[reader, 'member']]);
    const thread = await createThread(facilitator, group.id, { title: 'Recognition of skills' });
    await postMessage(facilitator, thread.id, `What do you think, <@${reader.id}>?`);
    await createAction(facilitator, group.id, { title: 'Draft the skills note', focalPersonId: reader.id });

    const { context, page, errors } = await openSession(browser);
    await signIn(page, reader, '/notifications');
    await waitUntilLive(page);
    const list = page.locator('[data-testid=notifications]');
    const texts = () => list.locator('.notification-text').allInnerTexts();
    await list.getByText('New action for you: Draft the skills note').waitFor();
    expect(await texts()).toEqual(
      expect.arrayContaining([
        `You were added to ${groupName} as Member`,
        'Huda Facilitator mentioned you in Recognition of skills',
      ]),
    );

    await page.locator('[data-testid=language-switch]').click();
    await list.getByText('مهمة جديدة لك: Draft the skills note').waitFor();
    expect(await texts()).toEqual(
      expect.arrayContaining([`أُضفت إلى ${groupName} بصفة عضو`, 'Huda Facilitator أشار إليك في Recognition of skills']),
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
