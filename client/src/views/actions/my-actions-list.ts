import { isResponsible, type ResponsibleUser } from '../../../../src/action-items/responsible';
import type { ActionItemDto, ActionStatus } from '../../api/server-types';

/** The part one has in an item, in the order My actions shows them; an item shows under its first. */
export const PARTS = ['lead', 'support', 'created'] as const;
export type Part = (typeof PARTS)[number];

export type DueFilter = 'overdue' | 'week' | 'none';
export const DUE_FILTERS: DueFilter[] = ['overdue', 'week', 'none'];

export interface MyActionFilters {
  status?: ActionStatus;
  groupId?: string;
  due?: DueFilter;
}

/** I lead it (the server's rule of who answers for it), my organization supports it, or I created it. */
export function partOf(item: ActionItemDto, user: ResponsibleUser): Part | null {
  if (isResponsible(item, user)) return 'lead';
  if (user.organizationId && item.supportingOrganizations.some((o) => o.id === user.organizationId)) return 'support';
  if (item.createdBy?.id === user.id) return 'created';
  return null;
}

const DAY_MS = 86_400_000;

/** Whether an item passes the filters; `today` is YYYY-MM-DD (the due dates' own calendar). */
export function passes(item: ActionItemDto, filters: MyActionFilters, today: string): boolean {
  if (filters.status && item.status !== filters.status) return false;
  if (filters.groupId && item.groupId !== filters.groupId) return false;
  switch (filters.due) {
    case 'overdue':
      return item.overdue;
    case 'week': {
      const inAWeek = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10);
      return item.dueDate !== null && item.dueDate <= inAWeek;
    }
    case 'none':
      return item.dueDate === null;
    default:
      return true;
  }
}

/** Overdue first, then soonest due, undated last; the title breaks ties so the order is stable. */
export function byUrgency(a: ActionItemDto, b: ActionItemDto): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const due = (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31');
  return due || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

/** The items that pass, by part, each part in order of urgency. */
export function arrange(
  items: ActionItemDto[],
  user: ResponsibleUser,
  filters: MyActionFilters,
  today: string,
): Record<Part, ActionItemDto[]> {
  const parts: Record<Part, ActionItemDto[]> = { lead: [], support: [], created: [] };
  for (const item of items) {
    const part = partOf(item, user);
    if (part && passes(item, filters, today)) parts[part].push(item);
  }
  for (const part of PARTS) parts[part].sort(byUrgency);
  return parts;
}

/** A live copy of an item in the list: replaced (never by an older version), added, or dropped if it is not mine. */
export function upsertMine(list: ActionItemDto[], item: ActionItemDto, user: ResponsibleUser): ActionItemDto[] {
  const current = list.find((x) => x.id === item.id);
  if (current && current.version > item.version) return list;
  const others = list.filter((x) => x.id !== item.id);
  return partOf(item, user) ? [...others, item] : others;
}
