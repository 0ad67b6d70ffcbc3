/** The kinds of entry on a recommendation's timeline, in the order of the chain: ties at one instant sort so. */
export const TIMELINE_KINDS = [
  'proposed',
  'position',
  'outcome',
  'action-created',
  'milestone-added',
  'milestone-done',
  'claim',
  'claim-verified',
  'claim-returned',
  'review',
] as const;

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** ISO date-time. */
  at: string;
  kind: TimelineKind;
  actor: { id: string; displayName: string } | null;
  organization: { id: string; name: string } | null;
  action: { id: string; title: string } | null;
  data: Record<string, unknown>;
}

/** Oldest first; entries at the same instant in the chain's order (a claim before its verification). */
export function orderTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  const rank = (kind: TimelineKind) => TIMELINE_KINDS.indexOf(kind);
  return [...entries].sort((a, b) => {
    const byTime = Date.parse(a.at) - Date.parse(b.at);
    return byTime !== 0 ? byTime : rank(a.kind) - rank(b.kind);
  });
}
