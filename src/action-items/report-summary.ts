import { ACTION_STATUSES, ActionStatus } from './status-transitions';

export interface Summary {
  byStatus: Record<ActionStatus, number>;
  overdue: number;
  total: number;
  /** done ÷ (total − cancelled), to three decimals; 0 when nothing is left to do. Cancelled items are not work. */
  shareDone: number;
  /** Files that evidence the items: on them and on their progress notes. */
  evidenceFiles: number;
}

export interface StatusCount {
  key: string;
  status: ActionStatus;
  count: number;
  overdue: number;
  /** Files on these items and their progress notes; none when left out. */
  evidence?: number;
}

export function emptySummary(): Summary {
  return {
    byStatus: Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>,
    overdue: 0,
    total: 0,
    shareDone: 0,
    evidenceFiles: 0,
  };
}

/** Folds (key, status, count, overdue, evidence) rows into one summary per key, in first-seen key order. */
export function summarize(rows: StatusCount[]): Map<string, Summary> {
  const summaries = new Map<string, Summary>();
  for (const row of rows) {
    const summary = summaries.get(row.key) ?? emptySummary();
    summary.byStatus[row.status] += Number(row.count);
    summary.overdue += Number(row.overdue);
    summary.total += Number(row.count);
    summary.evidenceFiles += Number(row.evidence ?? 0);
    summaries.set(row.key, summary);
  }
  for (const summary of summaries.values()) {
    const workable = summary.total - summary.byStatus.cancelled;
    summary.shareDone = workable > 0 ? Math.round((summary.byStatus.done / workable) * 1000) / 1000 : 0;
  }
  return summaries;
}
