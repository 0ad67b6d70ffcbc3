import type { ActionItemDto } from '../../api/server-types';
import { formatNumber, t } from '../../i18n/i18n';
import { useGroup } from '../groups/group-context';
import { ActionMeta, ActionTitle } from './action-card';
import { STATUSES, statusText } from './action-text';
import { canMove } from './action-permissions';
import { StatusControl } from './status-control';

/** Columns by status; each card moves by keyboard through its status control (no drag and drop needed). */
export function ActionBoard({ items, onChange }: { items: ActionItemDto[]; onChange: (item: ActionItemDto) => void }) {
  const group = useGroup();
  return (
    // Its columns scroll sideways on a narrow screen: a named region in the Tab order, so arrow keys can scroll it.
    <div class="board" data-testid="board" role="region" aria-label={t('actions.board')} tabIndex={0}>
      {STATUSES.map((status) => {
        const column = items.filter((item) => item.status === status);
        return (
          <section
            key={status}
            class={`board-column column-${status}`}
            aria-labelledby={`column-${status}`}
            data-status={status}
          >
            <h2 id={`column-${status}`}>
              {statusText(status)} <span class="count">{formatNumber(column.length)}</span>
            </h2>
            {column.length === 0 ? (
              <p class="muted">{t('board.empty')}</p>
            ) : (
              <ul>
                {column.map((item) => (
                  <li key={item.id} class="card action-card" data-action-id={item.id}>
                    <h3>
                      <ActionTitle item={item} />
                    </h3>
                    <ActionMeta item={item} />
                    {item.statusReason && (item.status === 'blocked' || item.status === 'cancelled') && (
                      <p class="reason" dir="auto">
                        {item.statusReason}
                      </p>
                    )}
                    {canMove(item, group) && <StatusControl item={item} onChange={onChange} compact />}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
