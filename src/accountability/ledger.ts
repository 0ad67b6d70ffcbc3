import type { PositionValue } from '../threads/entities/position.entity';
import { Figures, weighted } from './roll-up';

/** A member's position as the ledger reads it: for which organization, on which recommendation, when. */
export interface LedgerPosition {
  recommendationId: string;
  organizationId: string;
  position: PositionValue;
  updatedAt: Date;
}

export interface LedgerItem {
  id: string;
  recommendationId: string | null;
  leadOrganizationId: string | null;
  supportingOrganizationIds: string[];
  weight: number;
  claimed: number | null;
  verified: number | null;
}

export type ContradictionKind = 'endorsed-leads-nothing' | 'objected-leads-action';

export interface Contradiction {
  kind: ContradictionKind;
  recommendationId: string;
  /** The actions it leads on a recommendation it objected to; empty for "endorsed, leads nothing". */
  actionIds: string[];
}

/** What an organization said of one adopted recommendation. */
export interface OrganizationPosition {
  recommendationId: string;
  /** Its members' latest word: an organization speaks through whoever spoke for it last. */
  position: PositionValue;
  /** Its members took different positions. */
  divided: boolean;
}

export interface LedgerEntry {
  organizationId: string;
  positions: OrganizationPosition[];
  leads: string[];
  supports: string[];
  /** Claimed and verified progress of the actions it leads, weighted as in its recommendations. */
  delivered: Figures;
  contradictions: Contradiction[];
}

const ENDORSING: readonly PositionValue[] = ['endorse', 'endorse-with-reservations'];

/**
 * Each organization's commitments: its position on each adopted recommendation, the actions it leads and
 * supports, what it delivered, and where its word and its work disagree — it endorsed a recommendation and leads
 * none of its actions, or objected to one and leads an action on it. Organizations in the ledger are those with a
 * position on an adopted recommendation or a part in an action, in the order of `organizationIds`.
 */
export function ledger(
  organizationIds: string[],
  adoptedRecommendationIds: string[],
  positions: LedgerPosition[],
  items: LedgerItem[],
): LedgerEntry[] {
  const adopted = new Set(adoptedRecommendationIds);
  const entries: LedgerEntry[] = [];
  for (const organizationId of organizationIds) {
    const said = positions.filter((p) => p.organizationId === organizationId && adopted.has(p.recommendationId));
    const led = items.filter((item) => item.leadOrganizationId === organizationId);
    const supported = items.filter((item) => item.supportingOrganizationIds.includes(organizationId));
    if (said.length === 0 && led.length === 0 && supported.length === 0) continue;
    const orgPositions: OrganizationPosition[] = [];
    for (const recommendationId of adoptedRecommendationIds) {
      const onIt = said.filter((p) => p.recommendationId === recommendationId);
      if (onIt.length === 0) continue;
      const latest = onIt.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
      orgPositions.push({
        recommendationId,
        position: latest.position,
        divided: new Set(onIt.map((p) => p.position)).size > 1,
      });
    }
    const contradictions: Contradiction[] = [];
    for (const { recommendationId, position } of orgPositions) {
      const leadsOnIt = led.filter((item) => item.recommendationId === recommendationId).map((item) => item.id);
      if (ENDORSING.includes(position) && leadsOnIt.length === 0) {
        contradictions.push({ kind: 'endorsed-leads-nothing', recommendationId, actionIds: [] });
      }
      if (position === 'object' && leadsOnIt.length > 0) {
        contradictions.push({ kind: 'objected-leads-action', recommendationId, actionIds: leadsOnIt });
      }
    }
    entries.push({
      organizationId,
      positions: orgPositions,
      leads: led.map((item) => item.id),
      supports: supported.map((item) => item.id),
      delivered: weighted(led),
      contradictions,
    });
  }
  return entries;
}
