import type { WorkbookItemRow } from './progress-import.repository';
import { buildWorkbook, readWorkbook, safeText, WorkbookRow } from './progress-workbook';
import { check } from './progress-workbook.service';
import type { ProgressRollUpDto } from './dto/progress-report.dto';

const ID = '6f1c2a4e-0000-4000-8000-000000000001';
const OTHER = '6f1c2a4e-0000-4000-8000-000000000002';

const item = (id: string, overrides: Partial<WorkbookItemRow> = {}): WorkbookItemRow => ({
  id,
  title: `Item ${id.slice(-1)}`,
  recommendation: null,
  leadOrganizationId: null,
  leadOrganizationName: null,
  focalPersonId: null,
  status: 'in-progress',
  weight: 1,
  progress: null,
  verifiedProgress: null,
  milestonesDone: 0,
  milestonesTotal: 0,
  dueDate: null,
  ...overrides,
});
const row = (n: number, fields: Partial<WorkbookRow>): WorkbookRow => ({
  row: n,
  id: ID,
  newProgress: '',
  note: '',
  ...fields,
});
const items = new Map([ID, OTHER].map((id) => [id, item(id)]));

describe('checking the rows of an imported workbook', () => {
  it('turns new progress with a note into a change from the claimed figure', () => {
    const result = check([row(2, { newProgress: '70', note: 'Done most' })], items, () => true);
    expect(result.changes).toEqual([
      { row: 2, actionItemId: ID, title: 'Item 1', field: 'progress', from: 50, to: 70 },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.notes.get(2)).toBe('Done most');
  });

  it('leaves a row without new progress, or with the standing figure, unchanged', () => {
    const standing = new Map([[ID, item(ID, { progress: 30 })]]);
    expect(check([row(2, { note: 'only a note' })], items, () => true)).toMatchObject({ changes: [], errors: [] });
    expect(check([row(2, { newProgress: '30', note: 'same' })], standing, () => true)).toMatchObject({
      changes: [],
      errors: [],
    });
  });

  it('names each wrong cell by row and column', () => {
    const result = check(
      [
        row(2, { newProgress: '101', note: 'x' }),
        row(3, { id: OTHER, newProgress: '12.5' }),
        row(4, { id: 'not-an-item', newProgress: '5', note: 'x' }),
        row(5, { newProgress: '5', note: 'again' }),
      ],
      items,
      () => true,
    );
    expect(result.errors).toEqual([
      { row: 2, column: 'newProgress', code: 'invalid-percent' },
      { row: 3, column: 'newProgress', code: 'invalid-percent' },
      { row: 3, column: 'note', code: 'note-required' },
      { row: 4, column: 'id', code: 'action-item-not-found' },
      { row: 5, column: 'id', code: 'duplicate-row' },
    ]);
    expect(result.changes).toEqual([]);
  });

  it('refuses progress on an item the user does not answer for', () => {
    const result = check([row(2, { newProgress: '10', note: 'x' })], items, () => false);
    expect(result.errors).toEqual([{ row: 2, column: 'id', code: 'action-item-responsible-only' }]);
  });
});

describe('the workbook file', () => {
  const rollUp: ProgressRollUpDto = {
    groupId: 'g',
    generatedAt: new Date(0).toISOString(),
    overall: { claimed: 50, verified: 0 },
    recommendations: [],
    objectives: [],
    organizations: [],
    groups: [],
  };
  const action = {
    id: ID,
    title: '=cmd|calc',
    recommendation: null,
    leadOrganization: null,
    status: 'open' as const,
    weight: 1,
    claimed: 0,
    verified: 0,
    milestonesDone: 0,
    milestonesTotal: 0,
    dueDate: null,
  };

  it('keeps formula-like text as text', () => {
    expect(safeText('=1+1')).toBe("'=1+1");
    expect(safeText('-5')).toBe("'-5");
    expect(safeText('plain')).toBe('plain');
  });

  it('reads back its own Actions sheet in either language, by the sheet’s row numbers', async () => {
    for (const locale of ['en', 'ar'] as const) {
      const rows = await readWorkbook(await buildWorkbook(rollUp, [action], locale));
      expect(rows).toEqual([{ row: 2, id: ID, newProgress: '', note: '' }]);
    }
  });

  it('answers null for a file that is not a workbook', async () => {
    expect(await readWorkbook(Buffer.from('not a zip'))).toBeNull();
  });
});
