/** Claimed and verified percent complete of anything that rolls up; null where there is nothing to count. */
export interface Figures {
  claimed: number | null;
  verified: number | null;
}

/** One action item as a roll-up sees it: its figures (null when cancelled) and where it counts. */
export interface RollUpItem {
  id: string;
  recommendationId: string | null;
  groupId: string;
  leadOrganizationId: string | null;
  weight: number;
  claimed: number | null;
  verified: number | null;
}

export interface RollUpRecommendation {
  id: string;
  groupId: string;
  objectives: number[];
}

export interface RollUp {
  recommendations: Map<string, Figures>;
  objectives: Map<number, Figures>;
  organizations: Map<string, Figures>;
  groups: Map<string, Figures>;
  workspace: Figures;
}

const NONE: Figures = { claimed: null, verified: null };

/** To one decimal: what reports show, and what the fixtures were worked out to by hand. */
const round = (value: number): number => Math.round(value * 10) / 10;

/**
 * Weighted mean of items' figures. Cancelled items (null figures) are left out; a weight of 0 leaves an item out;
 * when every remaining weight is 0 the items count equally rather than not at all (the facilitator zeroed weights,
 * not the work).
 */
export function weighted(items: Pick<RollUpItem, 'weight' | 'claimed' | 'verified'>[]): Figures {
  const counted = items.filter((item) => item.claimed !== null);
  if (counted.length === 0) return NONE;
  const total = counted.reduce((sum, item) => sum + item.weight, 0);
  const weightOf = (item: (typeof counted)[number]) => (total > 0 ? item.weight : 1);
  const sum = total > 0 ? total : counted.length;
  return {
    claimed: round(counted.reduce((acc, item) => acc + weightOf(item) * item.claimed!, 0) / sum),
    verified: round(counted.reduce((acc, item) => acc + weightOf(item) * (item.verified ?? 0), 0) / sum),
  };
}

/** Plain mean of figures that exist: each recommendation counts once in what it rolls up into. */
export function mean(figures: Figures[]): Figures {
  const counted = figures.filter((f) => f.claimed !== null);
  if (counted.length === 0) return NONE;
  return {
    claimed: round(counted.reduce((acc, f) => acc + f.claimed!, 0) / counted.length),
    verified: round(counted.reduce((acc, f) => acc + (f.verified ?? 0), 0) / counted.length),
  };
}

/**
 * The roll-up, level by level:
 * - a recommendation: the weighted mean of its actions (no countable action: no figure);
 * - a GCM objective, a group and the workspace: the mean of their recommendations that have a figure, each counting
 *   once however many actions it has (a recommendation is the unit a conference adopted);
 * - a lead organization: the weighted mean of the actions it leads, wherever they come from.
 * Actions without a recommendation count for their lead organization only.
 */
export function rollUp(recommendations: RollUpRecommendation[], items: RollUpItem[]): RollUp {
  const byRecommendation = groupBy(items, (item) => item.recommendationId);
  const recommendationFigures = new Map<string, Figures>();
  for (const recommendation of recommendations) {
    recommendationFigures.set(recommendation.id, weighted(byRecommendation.get(recommendation.id) ?? []));
  }
  const objectiveFigures = new Map<number, Figures>();
  for (const objective of [...new Set(recommendations.flatMap((r) => r.objectives))].sort((a, b) => a - b)) {
    const tagged = recommendations.filter((r) => r.objectives.includes(objective));
    objectiveFigures.set(objective, mean(tagged.map((r) => recommendationFigures.get(r.id)!)));
  }
  const groupFigures = new Map<string, Figures>();
  for (const [groupId, inGroup] of groupBy(recommendations, (r) => r.groupId)) {
    groupFigures.set(groupId!, mean(inGroup.map((r) => recommendationFigures.get(r.id)!)));
  }
  const organizationFigures = new Map<string, Figures>();
  for (const [organizationId, led] of groupBy(items, (item) => item.leadOrganizationId)) {
    if (organizationId !== null) organizationFigures.set(organizationId, weighted(led));
  }
  return {
    recommendations: recommendationFigures,
    objectives: objectiveFigures,
    organizations: organizationFigures,
    groups: groupFigures,
    workspace: mean([...recommendationFigures.values()]),
  };
}

function groupBy<T, K>(values: T[], key: (value: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}
