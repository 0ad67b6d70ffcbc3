import { Browser, Page } from 'playwright-core';
import { OwnServer, startOwnServer } from './support/own-server';
import {
  baseUrl,
  closeRecommendation,
  createAction,
  createAdmin,
  createGroup,
  createOrganization,
  createThread,
  registerUser,
  setupToken,
  takePosition,
  uniqueName,
  User,
} from './support/api';
import { launchBrowser, openSession, signIn } from './support/browser';
import { checkScreen, Language, phoneOverflow, useLanguage } from './support/screen-checks';

/**
 * Issue #23: a recommendation followed from its proposal to verified delivery. The timeline tells the chain in
 * order, the ledger sets each organization's word beside its deed (and names the gap), one organization's ledger
 * prints, and the action page shows claimed beside verified; in English and Arabic, on a desktop and a phone.
 */

async function call<T>(by: User, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${by.token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** One file uploaded to the group, pending until a write names it. */
async function upload(by: User, groupId: string, name: string, content: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/plain' }), name);
  const res = await fetch(`${baseUrl()}/api/groups/${groupId}/attachments`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${by.token}` },
    body: form,
  });
  if (!res.ok) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

const TEXT = {
  en: {
    kinds: [
      'Proposed',
      'Position taken',
      'Position taken',
      'Outcome recorded',
      'Action item created',
      'Milestone added',
      'Progress claimed',
      'Claim verified',
      'Progress claimed',
    ],
    contradiction: 'Endorsed, leads no action',
    print: 'Print',
    claimed: 'Claimed',
    verified: 'Verified',
    pending: 'Awaiting verification',
    verifiedState: 'Verified',
  },
  ar: {
    kinds: [
      'اقتُرحت',
      'اتُّخذ موقف',
      'اتُّخذ موقف',
      'سُجّلت النتيجة',
      'أُنشئ بند عمل',
      'أُضيفت مرحلة',
      'أُعلن تقدّم',
      'تم التحقّق من إعلان التقدّم',
      'أُعلن تقدّم',
    ],
    contradiction: 'أيّدت ولا تقود أي بند',
    print: 'طباعة',
    claimed: 'المُعلَن',
    verified: 'المُتحقَّق منه',
    pending: 'بانتظار التحقّق',
    verifiedState: 'تم التحقّق',
  },
} as const;

/** A percent as Intl writes it in either language (Arabic wraps the sign in direction marks). */
const percent = (n: number) => new RegExp(`${n}[\\s\u200e\u200f]*%`);

/** "claimed 70%": the roll-up's words for a recommendation's claimed figure. */
const percentWords = (n: number) => new RegExp(`claimed ${n}%`);

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

describe('accountability: timeline, ledger and progress', () => {
  let browser: Browser;
  let own: OwnServer | undefined;
  let admin: User;
  let facilitator: User;
  let groupName: string;
  let member: User;
  let ministry: { id: string; name: string };
  let ngo: { id: string; name: string };
  let groupId: string;
  let recommendationId: string;
  let actionId: string;

  beforeAll(async () => {
    // A server of its own: its admin places people in organizations, which positions and the ledger count by.
    own = await startOwnServer({ JWT_SECRET: 'browser-accountability-secret-0123456789-abcdef' });
    admin = await createAdmin(await setupToken(own.server.output), 'Amal Admin');
    ministry = await createOrganization(admin, uniqueName('Ministry of Labour'));
    ngo = await createOrganization(admin, uniqueName('Migrant Aid'));
    facilitator = await registerUser('Nour Facilitator');
    member = await registerUser('Samir Member');
    await call(admin, 'PATCH', `/users/${facilitator.id}/organization`, { organizationId: ministry.id });
    await call(admin, 'PATCH', `/users/${member.id}/organization`, { organizationId: ngo.id });

    const group = await createGroup(facilitator, uniqueName('Labour migration'), [[member, 'member']]);
    groupId = group.id;
    groupName = group.name;
    const recommendation = await createThread(facilitator, groupId, {
      kind: 'recommendation',
      title: 'Publish seasonal permit figures quarterly',
      proposal: 'The ministry publishes the number of seasonal permits every quarter.',
    });
    recommendationId = recommendation.id;
    // Both organizations endorse; only the NGO leads an action: the ministry's word has no deed.
    await takePosition(facilitator, recommendationId, 'endorse');
    await takePosition(member, recommendationId, 'endorse');
    await closeRecommendation(facilitator, recommendationId, 'adopted', 'Adopted as proposed.');
    const action = await createAction(facilitator, groupId, {
      title: 'Set up the quarterly permit bulletin',
      sourceType: 'recommendation',
      sourceId: recommendationId,
      leadOrganizationId: ngo.id,
      focalPersonId: member.id,
    });
    actionId = action.id;
    await call(member, 'POST', `/actions/${actionId}/milestones`, { title: 'First bulletin drafted' });
    const evidence = await upload(member, groupId, 'bulletin-draft.txt', 'Quarterly bulletin, first draft');
    const claim = await call<{ id: string }>(member, 'POST', `/actions/${actionId}/claims`, {
      percent: 60,
      body: 'The first bulletin is drafted and reviewed.',
      attachmentIds: [evidence],
    });
    await call(facilitator, 'POST', `/claims/${claim.id}/verify`, {});
    // A later claim, not yet verified: claimed moves ahead of verified.
    await call(member, 'POST', `/actions/${actionId}/claims`, { percent: 80, body: 'The bulletin is at the printer.' });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await own?.close();
  });

  async function timelineKinds(page: Page): Promise<string[]> {
    return page.locator('[data-testid=timeline-entry] .timeline-kind').allInnerTexts();
  }

  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`tells the chain in order, names the contradiction and prints an organization's ledger (${viewport})`, async () => {
      const { context, page, errors } = await openSession(browser);
      await page.setViewportSize(size);
      await signIn(page, facilitator, `/groups/${groupId}/threads/${recommendationId}`);
      await page.locator('[data-testid=timeline-link]').click();
      await page.locator('ol[data-testid=timeline]').waitFor();

      for (const language of ['en', 'ar'] as Language[]) {
        await useLanguage(page, language);
        const text = TEXT[language];
        await page.locator('[data-testid=timeline-entry] .timeline-kind', { hasText: text.kinds[0] }).first().waitFor();
        expect({ language, kinds: await timelineKinds(page) }).toEqual({ language, kinds: [...text.kinds] });
        const details = page.locator('[data-testid=timeline-entry]');
        // The claim says its percent and its file of evidence; the verification links the action.
        expect(await details.nth(6).innerText()).toMatch(percent(60));
        expect(await details.nth(7).locator('a').getAttribute('href')).toBe(`/groups/${groupId}/actions/${actionId}`);
        expect(await page.evaluate<string>('document.documentElement.dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
        expect({ language, overflow: await phoneOverflow(page) }).toEqual({ language, overflow: 0 });
      }
      await useLanguage(page, 'en');
      await checkScreen(page, 'timeline', '[data-testid=timeline-entry]');

      // The ledger: the ministry endorsed and leads nothing, said in words, with the recommendation linked.
      await page.goto(`/groups/${groupId}/ledger`);
      const ministryCard = page.locator('[data-testid=ledger-organization]', { hasText: ministry.name });
      for (const language of ['en', 'ar'] as Language[]) {
        await useLanguage(page, language);
        const contradiction = ministryCard.locator('[data-testid=contradiction]');
        await contradiction.getByText(TEXT[language].contradiction).waitFor();
        expect(await contradiction.locator('a').first().getAttribute('href')).toBe(
          `/groups/${groupId}/threads/${recommendationId}`,
        );
        // The NGO leads the action and delivered it: no contradiction there.
        const ngoCard = page.locator('[data-testid=ledger-organization]', { hasText: ngo.name });
        expect(await ngoCard.locator('[data-testid=contradiction]').count()).toBe(0);
        expect(await ngoCard.locator('[data-testid=verified-value]').innerText()).toMatch(percent(60));
        expect(await ngoCard.locator('[data-testid=claimed-value]').innerText()).toMatch(percent(80));
      }
      await useLanguage(page, 'en');
      await checkScreen(page, 'ledger', '[data-testid=contradiction]');

      // One organization's page, made to print: the app's header and the buttons stay off the paper.
      await ministryCard.getByRole('link', { name: ministry.name }).click();
      await page.getByRole('heading', { level: 1, name: `Ledger of ${ministry.name}` }).waitFor();
      expect(await page.locator('[data-testid=ledger-organization]').count()).toBe(1);
      for (const language of ['en', 'ar'] as Language[]) {
        await useLanguage(page, language);
        await page.getByRole('button', { name: TEXT[language].print }).waitFor();
        await page.emulateMedia({ media: 'print' });
        expect({ language, header: await page.locator('.app-header').isVisible() }).toEqual({
          language,
          header: false,
        });
        expect(await page.locator('.page-actions').isVisible()).toBe(false);
        expect(await page.locator('.group-bar nav').isVisible()).toBe(false);
        expect(await page.locator('[data-testid=contradiction]').isVisible()).toBe(true);
        expect((await page.pdf({ format: 'A4' })).length).toBeGreaterThan(1000);
        await page.emulateMedia({ media: 'screen' });
      }
      await useLanguage(page, 'en');
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`shows claimed beside verified on the action page, with the claim's file and decision (${viewport})`, async () => {
      const { context, page, errors } = await openSession(browser);
      await page.setViewportSize(size);
      await signIn(page, member, `/groups/${groupId}/actions/${actionId}`);
      const panel = page.locator('[data-testid=progress-panel]');
      await panel.waitFor();
      for (const language of ['en', 'ar'] as Language[]) {
        await useLanguage(page, language);
        const text = TEXT[language];
        const claimed = panel.getByRole('progressbar', { name: text.claimed });
        const verified = panel.getByRole('progressbar', { name: text.verified });
        expect(await claimed.getAttribute('aria-valuenow')).toBe('80');
        expect(await verified.getAttribute('aria-valuenow')).toBe('60');
        expect(await panel.locator('[data-testid=claimed-value]').innerText()).toMatch(percent(80));
        expect(await panel.locator('[data-testid=verified-value]').innerText()).toMatch(percent(60));
        await panel.locator('[data-testid=claim-pending]').waitFor();
        expect(await panel.locator('[data-testid=claim-state]').allInnerTexts()).toEqual([
          text.pending,
          text.verifiedState,
        ]);
        await panel.locator('[data-testid=claim]').getByText('bulletin-draft.txt').waitFor();
        await panel.locator('[data-testid=milestones]').getByText('First bulletin drafted').waitFor();
        expect({ language, overflow: await phoneOverflow(page) }).toEqual({ language, overflow: 0 });
      }
      await useLanguage(page, 'en');
      // The claimant never decides on their own claim.
      expect(await panel.getByRole('button', { name: 'Verify' }).count()).toBe(0);
      await checkScreen(page, 'action progress', '[data-testid=progress-panel]');
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('rolls progress up per recommendation, with its actions and weights, and per group for the workspace', async () => {
    const { context, page, errors } = await openSession(browser);
    await page.setViewportSize(VIEWPORTS.phone);
    await signIn(page, admin, '/admin/report');
    const rollUp = page.locator('[data-testid=progress-roll-up]');
    const byGroup = rollUp.locator('table', { has: page.locator('caption', { hasText: 'Progress by group' }) });
    await byGroup.locator('tr', { hasText: groupName }).waitFor();
    await rollUp.locator('summary', { hasText: 'Publish seasonal permit figures quarterly' }).click();
    const actions = rollUp.locator('.roll-up-actions tr', { hasText: 'Set up the quarterly permit bulletin' });
    expect(await actions.locator('td').allInnerTexts()).toEqual([
      expect.stringContaining('Open'),
      expect.stringContaining('1'),
      expect.stringMatching(percent(80)),
      expect.stringMatching(percent(60)),
    ]);
    await checkScreen(page, 'workspace progress', '[data-testid=progress-roll-up] .roll-up-actions');
    expect(errors).toEqual([]);
    await context.close();
  });
  it('lets those responsible add and tick milestones and claim with a file, and a facilitator return it, live', async () => {
    // A recommendation of its own, so the chain asserted above stays as it is.
    const second = await createThread(facilitator, groupId, {
      kind: 'recommendation',
      title: 'Train labour inspectors on seasonal work',
      proposal: 'Every governorate trains its labour inspectors on seasonal work by the end of the year.',
    });
    await closeRecommendation(facilitator, second.id, 'adopted', 'Adopted.');
    const item = await createAction(facilitator, groupId, {
      title: 'Run the inspectors’ training',
      sourceType: 'recommendation',
      sourceId: second.id,
      focalPersonId: member.id,
    });
    const facilitatorSession = await openSession(browser);
    const report = facilitatorSession.page;
    await signIn(report, facilitator, `/groups/${groupId}/report`);
    const row = report.locator('[data-testid=progress-roll-up] summary', { hasText: 'Train labour inspectors' });
    await row.waitFor();

    const memberSession = await openSession(browser);
    const page = memberSession.page;
    await signIn(page, member, `/groups/${groupId}/actions/${item.id}`);
    const panel = page.locator('[data-testid=progress-panel]');
    const milestones = panel.locator('[data-testid=milestones]');
    // No milestone yet: the form is open.
    await milestones.getByLabel('New milestone').fill('Curriculum agreed');
    await milestones.getByRole('button', { name: 'Add', exact: true }).click();
    await milestones.getByText('Curriculum agreed').waitFor();
    await milestones.locator('summary', { hasText: 'Add a milestone' }).click();
    await milestones.getByLabel('New milestone').fill('First session held');
    await milestones.getByRole('button', { name: 'Add', exact: true }).click();
    await milestones.getByText('First session held').waitFor();
    await milestones.getByRole('checkbox', { name: 'Curriculum agreed' }).check();
    await panel.locator('[data-testid=milestones-count]', { hasText: '1 of 2 milestones done' }).waitFor();
    expect(await panel.locator('[data-testid=progress-basis]').innerText()).toBe('milestones done');
    expect(await panel.getByRole('progressbar', { name: 'Claimed' }).getAttribute('aria-valuenow')).toBe('50');
    // Someone responsible does not set weights.
    expect(await panel.getByRole('button', { name: 'Change the weight' }).count()).toBe(0);

    await panel.locator('[data-testid=claim-form] summary').click();
    await panel.getByLabel('Percent complete').fill('70');
    await panel.getByLabel('What was done').fill('Two of three sessions held.');
    await panel
      .locator('[data-testid=claim-form] input[type=file]')
      .setInputFiles({ name: 'attendance.txt', mimeType: 'text/plain', buffer: Buffer.from('42 inspectors') });
    await panel.locator('[data-testid=claim-form] .file-chip', { hasText: 'attendance.txt' }).waitFor();
    await panel.getByRole('button', { name: 'Submit the claim' }).click();
    const claim = panel.locator('[data-testid=claim]').first();
    await claim.getByText('attendance.txt').waitFor();
    // The form folds once the claim is made.
    await panel.locator('[data-testid=claim-form]:not([open])').waitFor();
    expect(await claim.locator('[data-testid=claim-state]').innerText()).toBe('Awaiting verification');
    expect(await panel.getByRole('button', { name: 'Verify' }).count()).toBe(0);

    // The facilitator's open report moved with it, without a reload.
    await report
      .locator('[data-testid=progress-roll-up] summary', { hasText: 'Train labour inspectors' })
      .filter({ hasText: percentWords(70) })
      .waitFor();

    // The facilitator returns it with a reason; the claimant's page says so, live, in their language.
    await useLanguage(page, 'ar');
    await report.goto(`/groups/${groupId}/actions/${item.id}`);
    const facilitatorPanel = report.locator('[data-testid=progress-panel]');
    await facilitatorPanel.getByRole('button', { name: 'Return with a reason' }).click();
    await facilitatorPanel.getByLabel('Why is it returned?').fill('Attach the signed attendance sheet.');
    await facilitatorPanel.getByRole('button', { name: 'Return the claim' }).click();
    await facilitatorPanel.locator('[data-testid=claim-state]', { hasText: 'Returned' }).waitFor();
    await claim.locator('[data-testid=claim-state]', { hasText: 'أُعيد' }).waitFor();
    await claim.getByText('Attach the signed attendance sheet.').waitFor();
    // A facilitator weighs the item in its recommendation.
    await facilitatorPanel.getByRole('button', { name: 'Change the weight' }).click();
    await facilitatorPanel.getByLabel('Weight in its recommendation').fill('3');
    await facilitatorPanel.getByRole('button', { name: 'Save' }).click();
    await facilitatorPanel.locator('[data-testid=action-weight]', { hasText: '3' }).waitFor();
    await panel.locator('[data-testid=action-weight]', { hasText: '3' }).waitFor();

    // Claimed again with the sheet; verified with one button.
    await useLanguage(page, 'en');
    await panel.locator('[data-testid=claim-form] summary').click();
    await panel.getByLabel('Percent complete').fill('70');
    await panel.getByLabel('What was done').fill('The signed sheet is attached.');
    await panel.getByRole('button', { name: 'Submit the claim' }).click();
    await facilitatorPanel.locator('[data-testid=claim-state]', { hasText: 'Awaiting verification' }).waitFor();
    await facilitatorPanel.getByRole('button', { name: 'Verify' }).click();
    await panel.getByRole('progressbar', { name: 'Verified' }).and(page.locator('[aria-valuenow="70"]')).waitFor();
    await useLanguage(page, 'ar');

    // The timeline tells the return and its reason.
    await page.goto(`/groups/${groupId}/threads/${second.id}/timeline`);
    const returned = page.locator('[data-testid=timeline-entry][data-kind=claim-returned]');
    await returned.getByText('Attach the signed attendance sheet.').waitFor();
    expect(await returned.locator('.timeline-kind').innerText()).toBe('أُعيد إعلان التقدّم');
    await useLanguage(page, 'en');
    expect([...memberSession.errors, ...facilitatorSession.errors]).toEqual([]);
    await memberSession.context.close();
    await facilitatorSession.context.close();
  });
});
