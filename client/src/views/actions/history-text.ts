import type { ActionChangeDto, ActionStatus, Priority } from '../../api/server-types';
import { formatDay, formatList } from '../../i18n/i18n';
import { objectiveLabel } from '../../ui/objective-text';
import { fieldText, priorityText, statusText } from './action-text';

/** Names for the ids a history records (organizations, members): whatever the page has loaded. */
export interface HistoryNames {
  organization(id: string): string | undefined;
  person(id: string): string | undefined;
}

const STATUS_VALUES = new Set<string>(['open', 'in-progress', 'blocked', 'done', 'cancelled']);
const PRIORITY_VALUES = new Set<string>(['high', 'medium', 'low']);

/**
 * A value as the history recorded it (the API's: codes, ids, ISO dates, lists of them), said in the reader's
 * language: a status or priority by its name, a due date as a date, objectives by number and title, an id by the
 * name it has now (or the id, when nothing on the page knows it). Free text (title, reason) is shown as written.
 */
export function historyValue(field: string, value: unknown, names: HistoryNames): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    return value.length ? formatList(value.map((v) => historyValue(field, v, names))) : '—';
  }
  if (typeof value === 'object') {
    const named = value as { name?: string; displayName?: string; title?: string };
    return named.name ?? named.displayName ?? named.title ?? JSON.stringify(value);
  }
  const text = String(value);
  switch (field) {
    case 'status':
      return STATUS_VALUES.has(text) ? statusText(text as ActionStatus) : text;
    case 'priority':
      return PRIORITY_VALUES.has(text) ? priorityText(text as Priority) : text;
    case 'dueDate':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDay(text) : text;
    case 'objectives':
      return typeof value === 'number' ? objectiveLabel(value) : text;
    case 'leadOrganizationId':
    case 'supportingOrganizationIds':
      return names.organization(text) ?? text;
    case 'focalPersonId':
      return names.person(text) ?? text;
    default:
      return text;
  }
}

/** One history entry as a line: "Status: Open → In progress" in the reader's language. */
export function historyLine(change: Pick<ActionChangeDto, 'field' | 'before' | 'after'>, names: HistoryNames) {
  return {
    field: fieldText(change.field),
    before: historyValue(change.field, change.before, names),
    after: historyValue(change.field, change.after, names),
  };
}
