import type { RollUpRecommendationDto } from './dto/progress-report.dto';
import { reviewMarkdown, reviewSummary } from './review-summary';

const action = (id: string, extra: Partial<RollUpRecommendationDto['actions'][number]>) => ({
  id,
  title: `Action ${id}`,
  status: 'open' as const,
  weight: 1,
  leadOrganization: null,
  claimPending: false,
  evidenceCount: 0,
  overdue: false,
  claimed: 0,
  verified: 0,
  ...extra,
});

const recommendation: RollUpRecommendationDto = {
  id: 'r1',
  groupId: 'g1',
  title: 'Recognise skills',
  outcome: 'adopted',
  objectives: [],
  claimed: 30,
  verified: 20,
  actions: [
    action('a', { status: 'in-progress', claimed: 60, verified: 40, evidenceCount: 2 }),
    action('b', { overdue: true, evidenceCount: 3 }),
  ],
};

describe('review summary', () => {
  it('counts overdue actions and only the files of actions with a verified claim', () => {
    const summary = reviewSummary(recommendation, new Set(['a']));
    expect(summary).toMatchObject({ claimed: 30, verified: 20, overdue: 1, verifiedEvidence: 2 });
    expect(summary.actions.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('says the figures in English, then in Arabic, with titles escaped', () => {
    const text = reviewMarkdown(
      reviewSummary({ ...recommendation, actions: [action('*x*', { claimed: null, verified: null })] }, new Set()),
      '2026-04-01',
    );
    expect(text).toContain('Progress: 30% claimed, 20% verified');
    expect(text).toContain('- Action \\*x\\*: open, — claimed, — verified');
    expect(text.indexOf('Progress:')).toBeLessThan(text.indexOf('التقدم: 30% مُعلَن، 20% مُتحقَّق منه'));
  });

  it('says there are no actions when there are none', () => {
    const text = reviewMarkdown(reviewSummary({ ...recommendation, actions: [] }, new Set()), '2026-04-01');
    expect(text).toContain('No actions.');
    expect(text).toContain('لا مهام.');
    expect(text).toContain('Overdue actions: 0');
  });
});
