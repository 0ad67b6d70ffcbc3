import { describe, expect, it } from '@jest/globals';
import type { ActionItemDto } from '../../api/server-types';
import { arrange, byUrgency, partOf, passes, upsertMine } from './my-actions-list';

const me = { id: 'me', organizationId: 'org-me' };
function item(overrides: Partial<ActionItemDto>): ActionItemDto {
  return {
    id: 'i',
    groupId: 'g1',
    title: 'Item',
    description: '',
    source: null,
    leadOrganization: null,
    supportingOrganizations: [],
    focalPerson: null,
    dueDate: null,
    priority: 'medium',
    objectives: [],
    status: 'open',
    statusReason: null,
    version: 1,
    overdue: false,
    attachments: [],
    evidenceCount: 0,
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
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
    ...overrides,
  };
}

describe('my actions list', () => {
  it('says which part one has in an item, leading before supporting before creating', () => {
    const creator = { createdBy: { id: 'me', displayName: 'Me' } };
    expect(partOf(item({ focalPerson: { id: 'me', displayName: 'Me' }, ...creator }), me)).toBe('lead');
    expect(partOf(item({ leadOrganization: { id: 'org-me', name: 'Mine' } }), me)).toBe('lead');
    expect(partOf(item({ supportingOrganizations: [{ id: 'org-me', name: 'Mine' }], ...creator }), me)).toBe('support');
    expect(partOf(item(creator), me)).toBe('created');
    expect(partOf(item({ supportingOrganizations: [{ id: 'other', name: 'Other' }] }), me)).toBeNull();
    expect(
      partOf(item({ supportingOrganizations: [{ id: 'org-me', name: 'x' }] }), { id: 'me', organizationId: null }),
    ).toBeNull();
  });

  it('filters by status, group and due date', () => {
    const today = '2026-12-02';
    expect(passes(item({ status: 'done' }), { status: 'open' }, today)).toBe(false);
    expect(passes(item({ groupId: 'g2' }), { groupId: 'g1' }, today)).toBe(false);
    expect(passes(item({ overdue: true, dueDate: '2026-11-30' }), { due: 'overdue' }, today)).toBe(true);
    expect(passes(item({ dueDate: '2026-12-09' }), { due: 'week' }, today)).toBe(true);
    expect(passes(item({ dueDate: '2026-12-10' }), { due: 'week' }, today)).toBe(false);
    expect(passes(item({ dueDate: null }), { due: 'week' }, today)).toBe(false);
    expect(passes(item({ dueDate: null }), { due: 'none' }, today)).toBe(true);
  });

  it('puts overdue items first, then the soonest due, undated last', () => {
    const list = [
      item({ id: 'undated', title: 'A' }),
      item({ id: 'later', dueDate: '2026-12-20' }),
      item({ id: 'soon', dueDate: '2026-12-05' }),
      item({ id: 'late', dueDate: '2026-12-20', overdue: true }),
    ];
    expect([...list].sort(byUrgency).map((i) => i.id)).toEqual(['late', 'soon', 'later', 'undated']);
    const focal = { focalPerson: { id: 'me', displayName: 'Me' } };
    const parts = arrange(
      list.map((i) => ({ ...i, ...focal })),
      me,
      {},
      '2026-12-02',
    );
    expect(parts.lead.map((i) => i.id)).toEqual(['late', 'soon', 'later', 'undated']);
  });

  it('keeps a live copy only while it is mine, and never an older one', () => {
    const mine = item({ id: 'a', version: 2, focalPerson: { id: 'me', displayName: 'Me' } });
    expect(upsertMine([], mine, me)).toEqual([mine]);
    expect(upsertMine([mine], { ...mine, version: 1, title: 'old' }, me)).toEqual([mine]);
    expect(upsertMine([mine], { ...mine, version: 3, focalPerson: null }, me)).toEqual([]);
  });
});
