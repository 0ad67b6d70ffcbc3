import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { progressScene, ProgressScene } from '../support/progress-scene';
import { createTestApp, TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** supertest keeps a binary body when told how to read it. */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function open(data: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  return workbook;
}

async function save(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Issue #23, item 9: the progress workbook out (both languages) and back in (preview, all or nothing). */
describe('progress workbook', () => {
  let t: TestApp;
  let s: ProgressScene;
  beforeAll(async () => {
    t = await createTestApp();
    s = await progressScene(t);
  });
  afterAll(() => t.close());

  const download = async (query: string, headers: Record<string, string> = {}) =>
    (
      await t
        .http()
        .get(`/api/groups/${s.group.id}/progress.xlsx${query}`)
        .set(s.group.member.auth)
        .set(headers)
        .buffer(true)
        .parse(binary)
        .expect(200)
        .expect('Content-Type', XLSX)
    ).body as Buffer;
  const upload = (mode: string, data: Buffer, by = s.group.member) =>
    t
      .http()
      .post(`/api/groups/${s.group.id}/progress/import?mode=${mode}`)
      .set(by.auth)
      .set('Content-Type', XLSX)
      .send(data);
  const progress = async () =>
    (await t.http().get(`/api/groups/${s.group.id}/progress`).set(s.group.member.auth).expect(200)).body;

  it('exports one sheet per view, headed in the request’s language, right to left in Arabic', async () => {
    const en = await open(await download(''));
    expect(en.worksheets.map((w) => w.name)).toEqual(['Recommendations', 'Objectives', 'Organizations', 'Actions']);
    expect(en.worksheets.every((w) => !w.views[0]?.rightToLeft)).toBe(true);
    const actions = en.getWorksheet('Actions')!;
    expect(actions.getRow(1).getCell(1).value).toBe('Action id');
    expect(actions.getRow(1).getCell(12).value).toBe('New progress %');
    expect(actions.getRow(1).getCell(13).value).toBe('Progress note');
    expect(actions.getRow(2).getCell(1).value).toBe(s.actionIds[0]);
    expect(actions.getRow(2).getCell(2).value).toBe('Publish permit statistics');
    expect(actions.getRow(2).getCell(4).value).toBe(s.organization.name);
    expect(actions.getRow(2).getCell(5).value).toBe('Open');
    expect(en.getWorksheet('Organizations')!.getRow(2).getCell(1).value).toBe(s.organization.name);

    const ar = await open(await download('', { 'Accept-Language': 'ar' }));
    expect(ar.worksheets.map((w) => w.name)).toEqual(['التوصيات', 'الأهداف', 'الجهات', 'المهام']);
    expect(ar.worksheets.every((w) => w.views[0]?.rightToLeft)).toBe(true);
    expect(ar.worksheets[3].getRow(1).getCell(1).value).toBe('معرّف المهمة');
    expect(ar.worksheets[3].getRow(2).getCell(5).value).toBe('مفتوحة');
    expect((await open(await download('?lang=ar'))).worksheets[0].name).toBe('التوصيات');
  });

  it('neutralises formulas in exported text', async () => {
    await t
      .http()
      .post(`/api/groups/${s.group.id}/actions`)
      .set(s.group.facilitator.auth)
      .send({ title: '=HYPERLINK("http://evil.example","x")' })
      .expect(201);
    const sheet = (await open(await download(''))).getWorksheet('Actions')!;
    const titles = sheet.getColumn(2).values as unknown[];
    expect(titles).toContain(`'=HYPERLINK("http://evil.example","x")`);
  });

  it('previews a change and a bad row by row number, refuses to apply any of it, then applies the fixed sheet', async () => {
    const before = await progress();
    const workbook = await open(await download('', { 'Accept-Language': 'ar' }));
    const sheet = workbook.worksheets[3];
    const row = (id: string) => {
      let found = 0;
      sheet.eachRow((r, n) => (r.getCell(1).value === id ? (found = n) : undefined));
      return found;
    };
    const changed = row(s.actionIds[0]);
    sheet.getRow(changed).getCell(12).value = 40;
    sheet.getRow(changed).getCell(13).value = 'Two of five permits published';
    const bad = row(s.actionIds[1]);
    sheet.getRow(bad).getCell(12).value = 140;
    sheet.getRow(bad).getCell(13).value = 'Too much';
    const stranger = sheet.rowCount + 1;
    sheet.getRow(stranger).getCell(1).value = '00000000-0000-4000-8000-000000000000';
    sheet.getRow(stranger).getCell(12).value = 10;
    const withErrors = await save(workbook);

    const preview = (await upload('preview', withErrors).expect(200)).body;
    expect(preview).toEqual({
      mode: 'preview',
      applied: false,
      changes: [
        {
          row: changed,
          actionItemId: s.actionIds[0],
          title: 'Publish permit statistics',
          field: 'progress',
          from: 0,
          to: 40,
        },
      ],
      errors: [
        { row: bad, column: 'newProgress', code: 'invalid-percent' },
        { row: stranger, column: 'id', code: 'action-item-not-found' },
      ],
    });
    const refused = (await upload('apply', withErrors).expect(422)).body;
    expect(refused).toMatchObject({
      statusCode: 422,
      code: 'workbook-rows-invalid',
      mode: 'apply',
      applied: false,
      changes: preview.changes,
      errors: preview.errors,
    });
    expect(await progress()).toMatchObject({ overall: before.overall, recommendations: before.recommendations });

    // The observer answers for nothing; the note is required.
    const observerTry = (await upload('preview', withErrors, s.group.observer).expect(200)).body;
    expect(observerTry.errors).toContainEqual({ row: changed, column: 'id', code: 'action-item-responsible-only' });
    sheet.getRow(changed).getCell(13).value = null;
    expect((await upload('preview', await save(workbook)).expect(200)).body.errors).toContainEqual({
      row: changed,
      column: 'note',
      code: 'note-required',
    });
    sheet.getRow(changed).getCell(13).value = 'Two of five permits published';
    sheet.getRow(bad).getCell(12).value = null;
    sheet.spliceRows(stranger, 1);

    const applied = (await upload('apply', await save(workbook)).expect(200)).body;
    expect(applied).toMatchObject({ mode: 'apply', applied: true, errors: [], changes: preview.changes });
    const item = (await t.http().get(`/api/actions/${s.actionIds[0]}`).set(s.group.member.auth).expect(200)).body;
    expect(item.progress).toMatchObject({ claimed: 40, verified: 0, claimPending: true });
    const notes = (await t.http().get(`/api/actions/${s.actionIds[0]}/comments`).set(s.group.member.auth).expect(200))
      .body as { kind: string; body: string }[];
    expect(notes.at(-1)).toMatchObject({ kind: 'progress', body: 'Two of five permits published' });
    const after = await progress();
    expect(after.recommendations[0].actions[0]).toMatchObject({ claimed: 40, claimPending: true });
    expect(after.overall.claimed).toBeGreaterThan(before.overall.claimed);
  });

  it('refuses a file that is no workbook (400) and one beyond 5 MB (413)', async () => {
    expect((await upload('preview', Buffer.from('not a workbook')).expect(400)).body.code).toBe('workbook-unreadable');
    const huge = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
    expect((await upload('preview', huge).expect(413)).body).toMatchObject({ statusCode: 413 });
    await upload('sideways', Buffer.from('x')).expect(400);
  });
});
