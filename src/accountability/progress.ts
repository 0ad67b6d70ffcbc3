import type { ActionStatus } from '../action-items/status-transitions';

/**
 * What an item's status says of its progress while nobody has claimed a figure and it has no milestones: Decidim's
 * "statuses with default progress", fixed here so every group reads the same figure the same way.
 */
export const STATUS_PROGRESS: Record<ActionStatus, number> = {
  open: 0,
  'in-progress': 50,
  blocked: 50,
  done: 100,
  cancelled: 0,
};

/** What the figures of one item are made from: the server's columns and the client's DTO both fit. */
export interface ProgressSource {
  status: ActionStatus;
  /** The latest standing claim; null while nobody has claimed. */
  progress: number | null;
  verifiedProgress: number | null;
  milestonesDone: number;
  milestonesTotal: number;
}

/**
 * Percent complete as claimed: done is 100 whatever was claimed; otherwise the latest standing claim; otherwise the
 * share of milestones done; otherwise the status's default. Null for a cancelled item: it is not work any more, and
 * roll-ups leave it out rather than count it as nothing done.
 */
export function claimedProgress(item: ProgressSource): number | null {
  if (item.status === 'cancelled') return null;
  if (item.status === 'done') return 100;
  if (item.progress !== null) return item.progress;
  if (item.milestonesTotal > 0) return Math.round((100 * item.milestonesDone) / item.milestonesTotal);
  return STATUS_PROGRESS[item.status];
}

/** Percent complete as verified: nothing is verified until a claim is (a done status alone proves nothing). */
export function verifiedProgress(item: ProgressSource): number | null {
  if (item.status === 'cancelled') return null;
  return item.verifiedProgress ?? 0;
}
