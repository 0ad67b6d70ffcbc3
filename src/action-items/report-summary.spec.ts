import { summarize } from './report-summary';

describe('summarize', () => {
  it('matches a hand-computed fixture', () => {
    const result = summarize([
      { key: 'r1', status: 'done', count: 2, overdue: 0, evidence: 4 },
      { key: 'r1', status: 'open', count: 3, overdue: 1, evidence: 1 },
      { key: 'r1', status: 'cancelled', count: 1, overdue: 0 },
      { key: 'r2', status: 'cancelled', count: 2, overdue: 0 },
      { key: 'r3', status: 'in-progress', count: 1, overdue: 1 },
      { key: 'r3', status: 'done', count: 2, overdue: 0 },
    ]);
    // r1: 6 items, 1 cancelled → 5 workable, 2 done → 0.4
    expect(result.get('r1')).toEqual({
      byStatus: { open: 3, 'in-progress': 0, done: 2, blocked: 0, cancelled: 1 },
      overdue: 1,
      total: 6,
      shareDone: 0.4,
      evidenceFiles: 5,
    });
    // r2: all cancelled → nothing workable → 0
    expect(result.get('r2')?.shareDone).toBe(0);
    // r3: 2 of 3 → 0.667
    expect(result.get('r3')).toMatchObject({ total: 3, overdue: 1, shareDone: 0.667 });
    expect([...result.keys()]).toEqual(['r1', 'r2', 'r3']);
  });
});
