import { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { createAction, createGroup, createThread, registerUser, uniqueName, User } from './support/api';
import { launchBrowser, openSession, seriousViolations, Session, signIn, waitUntilLive } from './support/browser';

/*
 * Files in the browser (issue 18): attaching by the picker and by drag and drop, the card reaching another member
 * live, the group's Files view and its type filter, removal everywhere, both languages (Arabic at phone width
 * without horizontal overflow), and a text file full of markup that downloads as text instead of running.
 */

/** A real PDF of `pages` pages: the server sniffs the bytes and counts the pages. */
async function pdf(pages: number): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (let i = 0; i < pages; i++) document.addPage([595, 842]);
  return Buffer.from(await document.save());
}

const SCRIPTED_TEXT = [
  'Minutes of the coordination meeting, plain text.',
  `<script>window.__ranScript = true; alert('txt')</script>`,
  `<img src=x onerror="window.__ranScript = true; alert('img')">`,
].join('\n');

/**
 * Drags a file over the composer and drops it, as a person dragging it from the desktop would (a DataTransfer with
 * a File): while it is over the composer, the drop target is marked and a status line says where to drop it.
 */
async function dropOnComposer(page: Page, name: string, text: string, type: string): Promise<void> {
  // The test project has no DOM typings: the page scripts are strings.
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: ${JSON.stringify(type)} }));
    window.__dragged = data;
    const zone = document.querySelector('.composer [data-testid=drop-zone]');
    for (const kind of ['dragenter', 'dragover'])
      zone.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
  })()`);
  await page.locator('.composer .drop-zone.dragging').waitFor();
  await page.locator('.composer .drop-hint[role=status]', { hasText: 'Drop files here' }).waitFor();
  await page.evaluate(`document.querySelector('.composer [data-testid=drop-zone]')
    .dispatchEvent(new DragEvent('drop', { dataTransfer: window.__dragged, bubbles: true, cancelable: true }))`);
  await page.locator('.composer .drop-zone.dragging').waitFor({ state: 'detached' });
}

async function noHorizontalOverflow(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');
}

describe('attachments in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function twoMembersInAThread(locale: 'en' | 'ar') {
    const amina = await registerUser('Amina Haddad', { locale });
    const omar = await registerUser('Omar Saleh', { locale });
    const group = await createGroup(amina, uniqueName('Legal pathways'), [[omar, 'member']]);
    const thread = await createThread(amina, group.id, { title: 'Regular pathways for seasonal workers' });
    const path = `/groups/${group.id}/threads/${thread.id}`;
    const a = await openSession(browser);
    const b = await openSession(browser);
    for (const [session, user] of [
      [a, amina],
      [b, omar],
    ] as [Session, User][]) {
      await signIn(session.page, user, path);
      await waitUntilLive(session.page);
      await session.page.locator('[data-testid=composer]').waitFor();
    }
    return { a, b, amina, omar, group, thread };
  }

  it('attaches by the picker and by drop, sends, and the other member sees the cards live and in Files', async () => {
    const { a, b } = await twoMembersInAThread('en');
    const composer = a.page.locator('form.composer');

    // The attach control is a named button; the picker behind it takes the file.
    await composer.getByRole('button', { name: 'Attach file' }).waitFor();
    await composer
      .locator('input[type=file]')
      .setInputFiles({ name: 'Meeting minutes.pdf', mimeType: 'application/pdf', buffer: await pdf(2) });
    await dropOnComposer(a.page, 'field-notes.txt', 'Notes from the field visit.', 'text/plain');

    // Each pending file is a chip; both finish uploading before the message goes.
    await composer.locator('.file-chip[data-status=done]', { hasText: 'Meeting minutes.pdf' }).waitFor();
    await composer.locator('.file-chip[data-status=done]', { hasText: 'field-notes.txt' }).waitFor();
    expect(await seriousViolations(a.page)).toEqual([]);
    await a.page.locator('[data-testid=composer]').fill('The minutes and my notes are attached.');
    await a.page.keyboard.press('Enter');
    await composer.locator('.file-chip').first().waitFor({ state: 'detached' });

    // Live, in the other member's thread: the cards, with kind, size and page count in words.
    const message = b.page.locator('article[data-message-id]', { hasText: 'The minutes and my notes are attached.' });
    const pdfCard = message.locator('.file-card[data-kind=pdf]');
    await pdfCard.waitFor({ timeout: 5_000 });
    expect(await pdfCard.locator('.file-name').innerText()).toBe('Meeting minutes.pdf');
    expect(await pdfCard.locator('.file-kind').innerText()).toBe('PDF');
    expect(await pdfCard.locator('.meta').innerText()).toContain('2 pages');
    expect(await pdfCard.locator('.file-size').innerText()).toMatch(/^[\d,]+(\.\d)? (B|KB)$/);
    await message.locator('.file-card[data-kind=text]', { hasText: 'field-notes.txt' }).waitFor();

    // The group's Files view lists both, newest first, and filters by type.
    await b.page
      .getByRole('navigation', { name: 'Group sections' })
      .getByRole('link', { name: 'Files', exact: true })
      .click();
    const list = b.page.locator('[data-testid=files-list]');
    await list.locator('.file-card').nth(1).waitFor();
    expect(await list.locator('.file-name').allInnerTexts()).toEqual(
      expect.arrayContaining(['Meeting minutes.pdf', 'field-notes.txt']),
    );
    expect(await seriousViolations(b.page)).toEqual([]);
    await b.page.locator('[data-testid=files-kind]').selectOption('pdf');
    // The filtered page replaces the list (which is gone while it loads): wait for the new one, not the old.
    await b.page.waitForFunction(
      (el) => {
        const cards = el?.querySelectorAll('.file-card') ?? [];
        return cards.length === 1 && cards[0].getAttribute('data-kind') === 'pdf';
      },
      await list.elementHandle(),
    );
    expect(await list.locator('.file-name').allInnerTexts()).toEqual(['Meeting minutes.pdf']);
    expect(b.page.url()).toContain('kind=pdf');
    await b.page.locator('[data-testid=files-kind]').selectOption('');
    await list.locator('.file-card').nth(1).waitFor();

    // The uploader removes one file: gone from their thread and, live, from the other member's Files view.
    const notes = a.page.locator('.file-card', { hasText: 'field-notes.txt' });
    await notes.getByRole('button', { name: 'Remove file: field-notes.txt' }).click();
    await notes.getByRole('button', { name: 'Remove file', exact: true }).click();
    await notes.waitFor({ state: 'detached' });
    await list.locator('.file-card', { hasText: 'field-notes.txt' }).waitFor({ state: 'detached', timeout: 5_000 });
    expect(await list.locator('.file-card').count()).toBe(1);

    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('removing a pending chip forgets the file and gives focus back to the composer', async () => {
    const { a, b } = await twoMembersInAThread('en');
    const composer = a.page.locator('form.composer');
    await composer
      .locator('input[type=file]')
      .setInputFiles({ name: 'draft.pdf', mimeType: 'application/pdf', buffer: await pdf(1) });
    const chip = composer.locator('.file-chip', { hasText: 'draft.pdf' });
    await composer.locator('.file-chip[data-status=done]', { hasText: 'draft.pdf' }).waitFor();
    await chip.getByRole('button', { name: 'Remove draft.pdf' }).click();
    await chip.waitFor({ state: 'detached' });
    expect(await a.page.evaluate('document.activeElement?.dataset?.testid')).toBe('composer');

    await a.page.locator('[data-testid=composer]').fill('Nothing attached after all.');
    await a.page.keyboard.press('Enter');
    const sent = b.page.locator('article[data-message-id]', { hasText: 'Nothing attached after all.' });
    await sent.waitFor({ timeout: 5_000 });
    expect(await sent.locator('.file-card').count()).toBe(0);
    await a.context.close();
    await b.context.close();
  });

  it('in Arabic: right to left, an Arabic file name, Arabic labels, no horizontal overflow at 390 px', async () => {
    const { a, b } = await twoMembersInAThread('ar');
    await b.page.setViewportSize({ width: 390, height: 844 });
    expect(await a.page.evaluate('document.documentElement.dir')).toBe('rtl');
    const composer = a.page.locator('form.composer');
    await composer.getByRole('button', { name: 'إرفاق ملف' }).waitFor();
    await composer
      .locator('input[type=file]')
      .setInputFiles({ name: 'محضر الاجتماع.pdf', mimeType: 'application/pdf', buffer: await pdf(3) });
    await composer.locator('.file-chip[data-status=done]', { hasText: 'محضر الاجتماع.pdf' }).waitFor();
    await a.page.locator('[data-testid=composer]').fill('مرفق محضر الاجتماع الأخير.');
    await a.page.keyboard.press('Enter');

    const card = b.page.locator('article[data-message-id] .file-card[data-kind=pdf]');
    await card.waitFor({ timeout: 5_000 });
    expect(await card.locator('.file-name').innerText()).toBe('محضر الاجتماع.pdf');
    expect(await card.locator('.file-kind').innerText()).toBe('مستند بي دي إف');
    expect(await card.locator('.meta').innerText()).toContain('3 صفحات');
    // Latin digits, Arabic units, as the rest of the client.
    expect(await card.locator('.file-size').innerText()).toMatch(/^[\d,]+(\.\d)? (بايت|ك\.ب)$/);
    expect(await noHorizontalOverflow(b.page)).toBe(true);

    await b.page.getByRole('link', { name: 'الملفات', exact: true }).click();
    const list = b.page.locator('[data-testid=files-list]');
    await list.locator('.file-card', { hasText: 'محضر الاجتماع.pdf' }).waitFor();
    expect(await noHorizontalOverflow(b.page)).toBe(true);
    expect(await seriousViolations(b.page)).toEqual([]);
    await b.page.locator('[data-testid=files-kind]').selectOption('image');
    await b.page.getByText('لا يوجد ملف يطابق عوامل التصفية هذه.').waitFor();
    await b.page.locator('[data-testid=files-kind]').selectOption('pdf');
    await list.locator('.file-card', { hasText: 'محضر الاجتماع.pdf' }).waitFor();
    expect(await noHorizontalOverflow(b.page)).toBe(true);

    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('a text file full of markup downloads as text through its signed link: no script runs', async () => {
    const { a, b } = await twoMembersInAThread('en');
    const dialogs: string[] = [];
    for (const page of [a.page, b.page]) {
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }
    const composer = a.page.locator('form.composer');
    await composer
      .locator('input[type=file]')
      .setInputFiles({ name: 'minutes.txt', mimeType: 'text/plain', buffer: Buffer.from(SCRIPTED_TEXT) });
    await composer.locator('.file-chip[data-status=done]').waitFor();
    await a.page.locator('[data-testid=composer]').fill('Plain text minutes.');
    await a.page.keyboard.press('Enter');

    const link = b.page.locator('article[data-message-id] .file-card [data-testid=file-link]', {
      hasText: 'minutes.txt',
    });
    await link.waitFor({ timeout: 5_000 });
    // Clicking the card downloads the file (it never opens as a page of this origin).
    const [download] = await Promise.all([b.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('minutes.txt');

    // The link itself, as the browser gets it: an attachment, sniffing off, sandboxed, plain text.
    await link.hover();
    await b.page.waitForFunction(
      `document.querySelector('[data-testid=file-link]')?.getAttribute('href')?.startsWith('/api/files/')`,
    );
    const href = await link.getAttribute('href');
    const headers = await b.page.evaluate<string[]>(`fetch(${JSON.stringify(href)}).then((r) => [
      r.headers.get('content-disposition') ?? '',
      r.headers.get('content-type') ?? '',
      r.headers.get('x-content-type-options') ?? '',
      r.headers.get('content-security-policy') ?? '',
    ])`);
    expect(headers[0]).toMatch(/^attachment;/);
    expect(headers[1]).toMatch(/^text\/plain/);
    expect(headers[2]).toBe('nosniff');
    expect(headers[3]).toContain('sandbox');

    // Opened directly in a tab, it downloads too: no document of ours runs its markup.
    const tab = await b.context.newPage();
    tab.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const downloaded = tab.waitForEvent('download');
    await tab.goto(href!).catch(() => undefined); // navigation to a download is "aborted"
    expect((await downloaded).suggestedFilename()).toBe('minutes.txt');
    expect(await b.page.evaluate('window.__ranScript ?? false')).toBe(false);
    expect(dialogs).toEqual([]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('a progress note carries its evidence, shown under the note for everyone', async () => {
    const { a, b, group, amina, omar } = await twoMembersInAThread('en');
    // The facilitator makes the item; Omar, its focal person, reports progress on it.
    const action = await createAction(amina, group.id, { title: 'Draft the permit procedure', focalPersonId: omar.id });
    const path = `/groups/${group.id}/actions/${action.id}`;
    await Promise.all([a.page.goto(path), b.page.goto(path)]);
    await b.page.getByRole('radio', { name: 'Progress note' }).check();
    const evidence = b.page.getByRole('group', { name: 'Evidence' });
    await evidence.getByRole('button', { name: 'Attach evidence' }).waitFor();
    await evidence
      .locator('input[type=file]')
      .setInputFiles({ name: 'signed-procedure.pdf', mimeType: 'application/pdf', buffer: await pdf(1) });
    await evidence.locator('.file-chip[data-status=done]').waitFor();
    await b.page.locator('#comment-body').fill('The procedure is signed.');
    await b.page.getByRole('button', { name: 'Post', exact: true }).click();

    const note = a.page.locator('.comment.progress', { hasText: 'The procedure is signed.' });
    await note.waitFor({ timeout: 5_000 });
    await note
      .getByRole('list', { name: 'Evidence' })
      .locator('.file-card', { hasText: 'signed-procedure.pdf' })
      .waitFor();
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
