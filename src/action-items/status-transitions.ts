export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'blocked', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The workflow: work starts, finishes, stalls or is called off, and anything finished can be reopened. */
export const TRANSITIONS: Record<ActionStatus, readonly ActionStatus[]> = {
  open: ['in-progress', 'blocked', 'cancelled'],
  'in-progress': ['done', 'blocked', 'cancelled', 'open'],
  blocked: ['open', 'in-progress', 'cancelled'],
  done: ['open'],
  cancelled: ['open'],
};

/** Blocking and cancelling must say why. */
export const NEEDS_REASON: readonly ActionStatus[] = ['blocked', 'cancelled'];

export function canTransition(from: ActionStatus, to: ActionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses that no longer count as outstanding: never overdue, never reminded. */
export const CLOSED_STATUSES: readonly ActionStatus[] = ['done', 'cancelled'];
