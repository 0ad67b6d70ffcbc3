import type { ActionItemDto } from '../../api/server-types';
import { formatDay, t } from '../../i18n/i18n';
import { ActionTitle } from './action-card';
import { priorityText, statusText } from './action-text';

export function ActionList({ items }: { items: ActionItemDto[] }) {
  if (items.length === 0) return <p class="muted">{t('actions.none')}</p>;
  return (
    <div class="table-scroll">
      <table class="table" data-testid="action-table">
        <thead>
          <tr>
            <th scope="col">{t('action.title')}</th>
            <th scope="col">{t('action.status')}</th>
            <th scope="col">{t('action.lead')}</th>
            <th scope="col">{t('action.focal')}</th>
            <th scope="col">{t('action.due')}</th>
            <th scope="col">{t('action.priority')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <ActionTitle item={item} />
              </th>
              <td>{statusText(item.status)}</td>
              <td dir="auto">{item.leadOrganization?.name ?? '—'}</td>
              <td dir="auto">{item.focalPerson?.displayName ?? '—'}</td>
              <td>
                {item.dueDate ? formatDay(item.dueDate) : '—'}
                {item.overdue && <span class="tag tag-overdue">{t('action.overdue')}</span>}
              </td>
              <td>{priorityText(item.priority)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
