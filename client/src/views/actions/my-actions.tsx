import { myActions } from '../../api/actions';
import { groups } from '../../live/groups';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { ActionMeta, ActionTitle } from './action-card';
import { statusText } from './action-text';

/** Everything the signed-in user answers for, across groups. */
export function MyActions() {
  const items = useLoad(myActions, []);
  const groupName = (id: string) => groups.value?.find((g) => g.id === id)?.name ?? '';
  return (
    <Page title={t('myActions.title')}>
      <ErrorNote error={items.error} />
      {items.loading && !items.data ? (
        <p role="status">{t('common.loading')}</p>
      ) : !items.data?.length ? (
        <p class="muted">{t('myActions.none')}</p>
      ) : (
        <ul class="card-list" data-testid="my-actions">
          {items.data.map((item) => (
            <li key={item.id} class="card">
              <h2>
                <ActionTitle item={item} />
              </h2>
              <p class="meta">
                <span class="tag">{statusText(item.status)}</span>
                <span dir="auto">{groupName(item.groupId)}</span>
              </p>
              <ActionMeta item={item} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
