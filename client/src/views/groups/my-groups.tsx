import { useState } from 'preact/hooks';
import { createGroup } from '../../api/groups';
import { groups, groupUnread, loadGroups } from '../../live/groups';
import { t, tn } from '../../i18n/i18n';
import { navigate } from '../../router';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { RoleLabel } from './role-label';

export function MyGroups() {
  const list = groups.value;
  return (
    <Page title={t('groups.title')}>
      {list === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : list.length === 0 ? (
        <p>{t('groups.none')}</p>
      ) : (
        <ul class="card-list" data-testid="group-list">
          {list.map((group) => {
            const unread = groupUnread.value[group.id] ?? 0;
            return (
              <li key={group.id} class="card group-card">
                <h2>
                  <Link href={`/groups/${group.id}`} dir="auto">
                    {group.name}
                  </Link>
                  {unread > 0 && (
                    <span class="badge" data-testid="group-unread">
                      {tn('groups.unread', unread)}
                    </span>
                  )}
                </h2>
                {group.purpose && (
                  <p class="muted" dir="auto">
                    {group.purpose}
                  </p>
                )}
                <p class="meta">
                  {group.myRole && <RoleLabel role={group.myRole} />} {tn('groups.members', group.memberCount)}
                  {group.archived && <span class="tag">{t('groups.archived')}</span>}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <NewGroup />
    </Page>
  );
}

function NewGroup() {
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const group = await createGroup({ name: name.trim(), purpose: purpose.trim() || undefined });
      await loadGroups();
      navigate(`/groups/${group.id}`);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <details class="card">
      <summary>{t('groups.new')}</summary>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="group-name" label={t('groups.name')} error={errors.name}>
          <input
            {...described('group-name', errors.name)}
            required
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            dir="auto"
          />
        </Field>
        <Field id="group-purpose" label={t('groups.purpose')} error={errors.purpose}>
          <textarea
            {...described('group-purpose', errors.purpose)}
            rows={3}
            value={purpose}
            onInput={(e) => setPurpose(e.currentTarget.value)}
            dir="auto"
          />
        </Field>
        <ErrorNote error={Object.keys(errors).length ? null : error} />
        <button type="submit" class="button-primary">
          {t('groups.create')}
        </button>
      </form>
    </details>
  );
}
