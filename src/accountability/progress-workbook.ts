import ExcelJS from 'exceljs';
import type { ActionStatus } from '../action-items/status-transitions';
import { objectiveTitle } from '../common/gcm-objectives';
import { ar as arTexts } from '../notifications/texts/ar';
import { en as enTexts } from '../notifications/texts/en';
import type { Locale } from '../users/entities/user.entity';
import type { FiguresDto, ProgressRollUpDto } from './dto/progress-report.dto';

/** One action item as the Actions sheet shows it. */
export interface WorkbookAction {
  id: string;
  title: string;
  recommendation: string | null;
  leadOrganization: string | null;
  status: ActionStatus;
  weight: number;
  claimed: number | null;
  verified: number | null;
  milestonesDone: number;
  milestonesTotal: number;
  dueDate: string | null;
}

type Texts = {
  sheets: [string, string, string, string];
  recommendations: string[];
  objectives: string[];
  organizations: string[];
  actions: string[];
};

const TEXTS: Record<Locale, Texts> = {
  en: {
    sheets: ['Recommendations', 'Objectives', 'Organizations', 'Actions'],
    recommendations: ['Recommendation', 'GCM objectives', 'Actions', 'Claimed %', 'Verified %'],
    objectives: ['GCM objective', 'Recommendations', 'Claimed %', 'Verified %'],
    organizations: ['Lead organization', 'Actions', 'Claimed %', 'Verified %'],
    actions: [
      'Action id',
      'Action',
      'Recommendation',
      'Lead organization',
      'Status',
      'Weight',
      'Claimed %',
      'Verified %',
      'Milestones done',
      'Milestones in all',
      'Due date',
      'New progress %',
      'Progress note',
    ],
  },
  ar: {
    sheets: ['التوصيات', 'الأهداف', 'الجهات', 'المهام'],
    recommendations: ['التوصية', 'أهداف الميثاق العالمي', 'المهام', 'المُعلَن %', 'المُتحقَّق منه %'],
    objectives: ['هدف الميثاق العالمي', 'التوصيات', 'المُعلَن %', 'المُتحقَّق منه %'],
    organizations: ['الجهة القائدة', 'المهام', 'المُعلَن %', 'المُتحقَّق منه %'],
    actions: [
      'معرّف المهمة',
      'المهمة',
      'التوصية',
      'الجهة القائدة',
      'الحالة',
      'الوزن',
      'المُعلَن %',
      'المُتحقَّق منه %',
      'المراحل المنجزة',
      'المراحل كلها',
      'تاريخ الاستحقاق',
      'نسبة التقدّم الجديدة %',
      'ملاحظة التقدّم',
    ],
  },
};

/** The Actions sheet's columns (1-based), the same in both languages: the round trip reads them by position. */
export const COLUMN = {
  id: 1,
  title: 2,
  newProgress: 12,
  note: 13,
} as const;

/** The Actions sheet is the fourth; the import finds it by position or by either language's name. */
const ACTIONS_SHEET = 4;
export const WORKBOOK_MARKER = 'tansiq-progress-workbook/1';

const STATUS_KEYS: Record<
  ActionStatus,
  'status.open' | 'status.inProgress' | 'status.blocked' | 'status.done' | 'status.cancelled'
> = {
  open: 'status.open',
  'in-progress': 'status.inProgress',
  blocked: 'status.blocked',
  done: 'status.done',
  cancelled: 'status.cancelled',
};

export function statusLabel(status: ActionStatus, locale: Locale): string {
  return (locale === 'ar' ? arTexts : enTexts)[STATUS_KEYS[status]];
}

/** A text a spreadsheet would read as a formula stays text (as the CSV export does: src/action-items/csv.ts). */
export function safeText(value: string | null | undefined): string {
  const text = value ?? '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function figures(f: FiguresDto): (number | null)[] {
  return [f.claimed, f.verified];
}

function sheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: unknown[][], rtl: boolean) {
  const ws = workbook.addWorksheet(name, { views: [{ rightToLeft: rtl, state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const row of rows) ws.addRow(row.map((v) => (typeof v === 'string' ? safeText(v) : (v ?? null))));
  ws.columns.forEach((column) => (column.width = 18));
  return ws;
}

/** The workbook: one sheet per view of the roll-up, and the Actions sheet that comes back with new progress. */
export async function buildWorkbook(
  rollUp: ProgressRollUpDto,
  actions: WorkbookAction[],
  locale: Locale,
): Promise<Buffer> {
  const t = TEXTS[locale];
  const rtl = locale === 'ar';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tansiq';
  workbook.keywords = WORKBOOK_MARKER;
  sheet(
    workbook,
    t.sheets[0],
    t.recommendations,
    rollUp.recommendations.map((r) => [r.title, r.objectives.join(', '), r.actions.length, ...figures(r)]),
    rtl,
  );
  sheet(
    workbook,
    t.sheets[1],
    t.objectives,
    rollUp.objectives.map((o) => [
      `${o.objective}. ${objectiveTitle(o.objective, locale)}`,
      o.recommendations,
      ...figures(o),
    ]),
    rtl,
  );
  sheet(
    workbook,
    t.sheets[2],
    t.organizations,
    rollUp.organizations.map((o) => [o.name, o.actions, ...figures(o)]),
    rtl,
  );
  const ws = sheet(
    workbook,
    t.sheets[3],
    t.actions,
    actions.map((a) => [
      a.id,
      a.title,
      a.recommendation,
      a.leadOrganization,
      statusLabel(a.status, locale),
      a.weight,
      a.claimed,
      a.verified,
      a.milestonesDone,
      a.milestonesTotal,
      a.dueDate,
      null,
      null,
    ]),
    rtl,
  );
  ws.getColumn(COLUMN.id).width = 38;
  ws.getColumn(COLUMN.note).width = 40;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One data row of the Actions sheet as typed: cells as text, trimmed; empty cells are ''. */
export interface WorkbookRow {
  row: number;
  id: string;
  newProgress: string;
  note: string;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('result' in value) return String(value.result ?? '').trim();
    if ('text' in value) return String(value.text).trim();
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return '';
  }
  return String(value).trim();
}

/** The Actions sheet's rows, or null when the file is no workbook of ours. Rows without an id and input are skipped. */
export async function readWorkbook(data: Buffer): Promise<WorkbookRow[] | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  const names = new Set([TEXTS.en.sheets[3], TEXTS.ar.sheets[3]]);
  const ws = workbook.worksheets.find((w) => names.has(w.name)) ?? workbook.worksheets[ACTIONS_SHEET - 1];
  if (!ws) return null;
  const rows: WorkbookRow[] = [];
  ws.eachRow((row, number) => {
    if (number === 1) return;
    const text = (column: number) => cellText(row.getCell(column));
    const entry = {
      row: number,
      id: text(COLUMN.id),
      newProgress: text(COLUMN.newProgress),
      note: text(COLUMN.note),
    };
    if (entry.id || entry.newProgress || entry.note) rows.push(entry);
  });
  return rows;
}
