import type { ActionItemDto } from '../../api/server-types';
import { formatDay, t, tn } from '../../i18n/i18n';
import { Link } from '../../ui/link';
import { priorityText } from './action-text';

/** The essentials of an item: who, by when, how urgent; overdue said in words, not colour alone. */
export function ActionMeta({ item }: { item: ActionItemDto }) {
  return (
    <p class="meta">
      {/* Names are user content inside a translated label: <bdi> keeps each in its own direction. */}
      {item.focalPerson && (
        <span>
          {t('action.focal')}: <bdi>{item.focalPerson.displayName}</bdi>
        </span>
      )}
      {item.leadOrganization && (
        <span>
          {t('action.lead')}: <bdi>{item.leadOrganization.name}</bdi>
        </span>
      )}
      {item.dueDate && (
        <span>
          {t('action.due')}: {formatDay(item.dueDate)}
        </span>
      )}
      <span class={`tag priority-${item.priority}`}>{priorityText(item.priority)}</span>
      {item.overdue && <span class="tag tag-overdue">{t('action.overdue')}</span>}
      {evidenceCount(item) > 0 && <span class="tag">{tn('files.evidenceCount', evidenceCount(item))}</span>}
    </p>
  );
}

export function ActionTitle({ item }: { item: ActionItemDto }) {
  return (
    <Link href={`/groups/${item.groupId}/actions/${item.id}`} dir="auto">
      {item.title}
    </Link>
  );
}

/** Files on the item and its progress notes; absent until the server's DTO carries it (issue 18). */
function evidenceCount(item: ActionItemDto): number {
  return (item as { evidenceCount?: number }).evidenceCount ?? 0;
}
