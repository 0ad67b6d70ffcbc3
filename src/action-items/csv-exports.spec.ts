import { actionItemsCsv, progressReportCsv } from './csv-exports';
import { csvTranslator } from './csv-translator';
import type { ActionItemDto } from './dto/action-item.dto';
import { emptySummary } from './report-summary';

const item: ActionItemDto = {
  id: '6f1c2a4e-0000-4000-8000-000000000001',
  groupId: 'g1',
  title: 'Draft the skills note',
  description: '',
  source: null,
  leadOrganization: { id: 'o1', name: 'Ministry of Labour' },
  supportingOrganizations: [],
  focalPerson: null,
  dueDate: '2026-04-01',
  priority: 'high',
  objectives: [18],
  status: 'in-progress',
  statusReason: null,
  version: 1,
  overdue: false,
  attachments: [],
  evidenceCount: 3,
  progress: {
    claimed: 50,
    verified: 0,
    basis: 'status',
    claimPending: false,
    weight: 1,
    milestonesDone: 0,
    milestonesTotal: 0,
  },
  createdBy: null,
  createdAt: '2026-03-10T11:30:00.000Z',
  updatedAt: '2026-03-10T11:30:00.000Z',
};

const rows = (csv: string) => csv.slice(1).trimEnd().split('\r\n');

describe('CSV exports', () => {
  it('write headers, status, priority, objectives and dates in English', () => {
    const [header, row] = rows(actionItemsCsv([item], csvTranslator('en')));
    expect(header).toMatch(/^"ID","Title","Status",/);
    expect(row).toContain('"In progress","","High","Apr 1, 2026","No","Ministry of Labour"');
    expect(row).toContain('"18. Invest in skills development');
    expect(header).toContain('"Source","Evidence files","Description"');
    expect(row).toContain(',"3",""');
  });

  it('write them in Arabic, with Latin digits, and keep the id as it is', () => {
    const [header, row] = rows(actionItemsCsv([item], csvTranslator('ar')));
    expect(header).toMatch(/^"المعرّف","العنوان","الحالة",/);
    expect(row.startsWith(`"${item.id}","Draft the skills note","قيد التنفيذ","","عالية",`)).toBe(true);
    expect(row).toContain('"18. الاستثمار في تنمية المهارات');
    expect(row).toMatch(/"1 أبريل 2026"|"01‏\/04‏\/2026"/);
    expect(header).toContain('"ملفات الإثبات"');
  });

  it('name a report’s dimensions and statuses in the language and keep its figures numbers', () => {
    const report = {
      groupId: 'g1',
      generatedAt: '2026-03-10T11:30:00.000Z',
      totals: { ...emptySummary(), total: 2, shareDone: 0.5, evidenceFiles: 7 },
      byRecommendation: [{ recommendation: null, ...emptySummary() }],
      byObjective: [{ objective: 5, ...emptySummary() }],
      byOrganization: [],
    };
    const [header, total, none, objective] = rows(progressReportCsv(report, csvTranslator('ar')));
    expect(header).toBe(
      '"البُعد","الاسم","مفتوحة","قيد التنفيذ","منجزة","متعثّرة","ملغاة","متأخرة","المجموع","نسبة الإنجاز","ملفات الإثبات"',
    );
    expect(total).toBe('"كل المهام","","0","0","0","0","0","0","2","0.5","7"');
    expect(none.startsWith('"توصية","(لا شيء)"')).toBe(true);
    expect(objective.startsWith('"هدف الاتفاق العالمي","5. تعزيز توافر')).toBe(true);
  });
});
