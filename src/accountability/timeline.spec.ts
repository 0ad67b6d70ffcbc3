import { orderTimeline, TimelineEntry, TimelineKind } from './timeline';

const entry = (at: string, kind: TimelineKind): TimelineEntry => ({
  at,
  kind,
  actor: null,
  organization: null,
  action: null,
  data: {},
});

describe('orderTimeline', () => {
  it('puts entries oldest first', () => {
    const ordered = orderTimeline([
      entry('2026-03-03T10:00:00.000Z', 'claim'),
      entry('2026-03-01T10:00:00.000Z', 'proposed'),
      entry('2026-03-02T10:00:00.000Z', 'position'),
    ]);
    expect(ordered.map((e) => e.kind)).toEqual(['proposed', 'position', 'claim']);
  });

  it('orders entries at the same instant as the chain runs', () => {
    const at = '2026-03-01T10:00:00.000Z';
    const ordered = orderTimeline([
      entry(at, 'review'),
      entry(at, 'claim-verified'),
      entry(at, 'claim'),
      entry(at, 'milestone-done'),
      entry(at, 'action-created'),
      entry(at, 'outcome'),
    ]);
    expect(ordered.map((e) => e.kind)).toEqual([
      'outcome',
      'action-created',
      'milestone-done',
      'claim',
      'claim-verified',
      'review',
    ]);
  });
});
