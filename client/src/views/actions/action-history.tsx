import type { ActionChangeDto, ActionItemDto } from '../../api/server-types';
import { formatDateTime, t } from '../../i18n/i18n';
import { fieldText, statusText } from './action-text';

/** Who changed what on an item, and when: every field change the server recorded. */
export function ActionHistory({ history }: { history: ActionChangeDto[] }) {
  return (
    <section class="card" aria-labelledby="action-history">
      <h2 id="action-history">{t('action.history')}</h2>
      {history.length === 0 ? (
        <p class="muted">{t('action.noHistory')}</p>
      ) : (
        <ol class="history-list">
          {history.map((change, i) => (
            <li key={`${change.at}-${i}`}>
              <strong dir="auto">{change.actor?.displayName ?? t('message.unknownAuthor')}</strong> ·{' '}
              {fieldText(change.field)}: <span dir="auto">{show(change.before, change.field)}</span> →{' '}
              <span dir="auto">{show(change.after, change.field)}</span>{' '}
              <span class="muted">{formatDateTime(change.at)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** History values are whatever the field held: text, ids, lists, objects with a name. Shown as text. */
function show(value: unknown, field: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return statusText(value as ActionItemDto['status']);
  if (Array.isArray(value)) return value.map((v) => show(v, '')).join(', ');
  if (typeof value === 'object') {
    const named = value as { name?: string; displayName?: string; title?: string };
    return named.name ?? named.displayName ?? named.title ?? JSON.stringify(value);
  }
  return String(value);
}
