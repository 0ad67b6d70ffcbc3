import { rollUp, RollUpItem, RollUpRecommendation } from './roll-up';

/**
 * A workspace worked out by hand (see each expectation's comment): two groups, four recommendations (one without
 * actions), a cancelled action, unequal weights, all-zero weights, and an action with no recommendation.
 */
const recommendations: RollUpRecommendation[] = [
  { id: 'R1', groupId: 'G1', objectives: [1, 2] },
  { id: 'R2', groupId: 'G1', objectives: [2] },
  { id: 'R3', groupId: 'G1', objectives: [5] },
  { id: 'R4', groupId: 'G2', objectives: [1] },
];
const item = (
  id: string,
  recommendationId: string | null,
  groupId: string,
  leadOrganizationId: string | null,
  weight: number,
  claimed: number | null,
  verified: number | null,
): RollUpItem => ({ id, recommendationId, groupId, leadOrganizationId, weight, claimed, verified });
const items: RollUpItem[] = [
  item('A1', 'R1', 'G1', 'O1', 2, 80, 50),
  item('A2', 'R1', 'G1', 'O2', 1, 20, 20),
  item('A3', 'R1', 'G1', 'O1', 5, null, null), // cancelled: left out, weight and all
  item('B1', 'R2', 'G1', 'O2', 1, 100, 100),
  item('B2', 'R2', 'G1', null, 3, 0, 0),
  item('C1', 'R4', 'G2', 'O1', 0, 60, 30),
  item('C2', 'R4', 'G2', 'O1', 0, 40, 0),
  item('D1', null, 'G1', 'O2', 1, 50, 0),
];
const result = rollUp(recommendations, items);

describe('roll-up of progress', () => {
  it('weighs a recommendation’s actions and leaves cancelled ones out', () => {
    // (2×80 + 1×20) ÷ 3 = 60; (2×50 + 1×20) ÷ 3 = 40
    expect(result.recommendations.get('R1')).toEqual({ claimed: 60, verified: 40 });
    // (1×100 + 3×0) ÷ 4 = 25 both
    expect(result.recommendations.get('R2')).toEqual({ claimed: 25, verified: 25 });
  });

  it('gives a recommendation without actions no figure, not zero', () => {
    expect(result.recommendations.get('R3')).toEqual({ claimed: null, verified: null });
  });

  it('counts actions equally when every weight is zero', () => {
    // (60 + 40) ÷ 2 = 50; (30 + 0) ÷ 2 = 15
    expect(result.recommendations.get('R4')).toEqual({ claimed: 50, verified: 15 });
  });

  it('averages the recommendations of each objective that have a figure', () => {
    // objective 1: R1, R4 → (60 + 50) ÷ 2 = 55, (40 + 15) ÷ 2 = 27.5
    expect(result.objectives.get(1)).toEqual({ claimed: 55, verified: 27.5 });
    // objective 2: R1, R2 → (60 + 25) ÷ 2 = 42.5, (40 + 25) ÷ 2 = 32.5
    expect(result.objectives.get(2)).toEqual({ claimed: 42.5, verified: 32.5 });
    expect(result.objectives.get(5)).toEqual({ claimed: null, verified: null });
    expect([...result.objectives.keys()]).toEqual([1, 2, 5]);
  });

  it('weighs the actions each organization leads, wherever they come from', () => {
    // O1: A1 (2) and C1, C2 (0; not every weight is zero, so they count for nothing) → 80, 50
    expect(result.organizations.get('O1')).toEqual({ claimed: 80, verified: 50 });
    // O2: A2, B1, D1 (1 each) → (20 + 100 + 50) ÷ 3 = 56.7, (20 + 100 + 0) ÷ 3 = 40
    expect(result.organizations.get('O2')).toEqual({ claimed: 56.7, verified: 40 });
  });

  it('averages recommendations per group and for the workspace, each counting once', () => {
    // G1: R1, R2 (R3 has no figure) → 42.5, 32.5; G2: R4 → 50, 15
    expect(result.groups.get('G1')).toEqual({ claimed: 42.5, verified: 32.5 });
    expect(result.groups.get('G2')).toEqual({ claimed: 50, verified: 15 });
    // R1, R2, R4 → (60 + 25 + 50) ÷ 3 = 45, (40 + 25 + 15) ÷ 3 = 26.7
    expect(result.workspace).toEqual({ claimed: 45, verified: 26.7 });
  });

  it('has no figures at all for a workspace without actions', () => {
    const empty = rollUp([{ id: 'R', groupId: 'G', objectives: [3] }], []);
    expect(empty.workspace).toEqual({ claimed: null, verified: null });
    expect(empty.groups.get('G')).toEqual({ claimed: null, verified: null });
    expect(empty.organizations.size).toBe(0);
  });
});
