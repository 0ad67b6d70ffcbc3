import { useState } from 'preact/hooks';
import { archiveGroup, listAudit, unarchiveGroup, updateGroup } from '../../api/groups';
import type { AuditEntryDto, MyGroupDto, Role } from '../../api/server-types';
import { loadGroups } from '../../live/groups';
import { t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { ObjectivesPicker } from '../../ui/objectives-picker';
import { Page } from '../../ui/page';
import { Time } from '../../ui/time';
import { useLoad } from '../../ui/use-load';
import { useGroup } from './group-context';
import { PublicationSettings } from './publication-settings';
import { roleText } from './role-label';

/** A facilitator's (or the admin's) settings of one group: what it is, whether it is archived, and who changed what. */
export function GroupSettings({ groupId }: { groupId: string }) {
  const { group, canManage } = useGroup();
  if (!canManage) return <ErrorNote error={new Error(t('error.forbidden'))} />;
  return (
    <Page title={t('groupSettings.title')}>
      <div data-testid="group-settings">
        {group.archived ? (
          <p class="card" role="note">
            {t('groupSettings.archivedNote')}
          </p>
        ) : (
          <DetailsForm key={group.updatedAt} group={group} />
        )}
        <PublicationSettings groupId={groupId} archived={group.archived} />
        <Archive group={group} />
        <AuditLog groupId={groupId} key={group.updatedAt} />
      </div>
    </Page>
  );
}

function DetailsForm({ group }: { group: MyGroupDto }) {
  const { replaceGroup } = useGroup();
  const [name, setName] = useState(group.name);
  const [purpose, setPurpose] = useState(group.purpose);
  const [objectives, setObjectives] = useState<number[]>(group.objectives);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const errors = fieldErrors(error);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await updateGroup(group.id, { name: name.trim(), purpose: purpose.trim(), objectives });
      replaceGroup(saved);
      announce(t('common.saved'));
      void loadGroups();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="card" aria-labelledby="group-details-title">
      <h2 id="group-details-title">{t('groupSettings.details')}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="settings-name" label={t('groups.name')} error={errors.name}>
          <input
            {...described('settings-name', errors.name)}
            required
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            dir="auto"
          />
        </Field>
        <Field id="settings-purpose" label={t('groups.purpose')} error={errors.purpose}>
          <textarea
            {...described('settings-purpose', errors.purpose)}
            rows={4}
            value={purpose}
            onInput={(e) => setPurpose(e.currentTarget.value)}
            dir="auto"
          />
        </Field>
        <ObjectivesPicker id="settings-objectives" value={objectives} onChange={setObjectives} />
        <ErrorNote error={Object.keys(errors).length ? null : error} />
        <button type="submit" class="button-primary" disabled={saving}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}

function Archive({ group }: { group: MyGroupDto }) {
  const { replaceGroup } = useGroup();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const change = async () => {
    setError(null);
    try {
      const saved = await (group.archived ? unarchiveGroup(group.id) : archiveGroup(group.id));
      setConfirming(false);
      replaceGroup(saved);
      announce(saved.archived ? t('groupSettings.archivedDone') : t('groupSettings.unarchivedDone'));
      void loadGroups();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section class="card" aria-labelledby="group-archive-title">
      <h2 id="group-archive-title">{t('groupSettings.archiveTitle')}</h2>
      <p>{group.archived ? t('groupSettings.unarchiveHint') : t('groupSettings.archiveHint')}</p>
      {group.archived ? (
        <button type="button" class="button-primary" onClick={change}>
          {t('groupSettings.unarchive')}
        </button>
      ) : confirming ? (
        <p class="button-row">
          <button type="button" class="button-danger" onClick={change}>
            {t('groupSettings.confirmArchive')}
          </button>{' '}
          <button type="button" class="button-link" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </p>
      ) : (
        <button type="button" class="button-quiet" onClick={() => setConfirming(true)}>
          {t('groupSettings.archive')}
        </button>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

function AuditLog({ groupId }: { groupId: string }) {
  const [more, setMore] = useState<{ items: AuditEntryDto[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const first = useLoad(() => listAudit(groupId, null), [groupId]);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.nextCursor : (first.data?.nextCursor ?? null);
  const loadMore = () =>
    next &&
    listAudit(groupId, next).then(
      (page) => setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor }),
      setError,
    );
  return (
    <section class="card" aria-labelledby="group-audit-title">
      <h2 id="group-audit-title">{t('groupSettings.auditTitle')}</h2>
      <ErrorNote error={first.error ?? error} />
      {first.loading && !first.data ? (
        <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('groupSettings.auditNone')}</p>
      ) : (
        <ol class="audit-log" data-testid="audit-log">
          {items.map((entry) => (
            <li key={entry.id}>
              <span dir="auto">{auditText(entry)}</span> <span class="muted">{<Time iso={entry.at} />}</span>
            </li>
          ))}
        </ol>
      )}
      {next && (
        <button type="button" class="button-link" onClick={loadMore}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}

const AUDIT_TEXTS: Record<string, MessageKey> = {
  'group.created': 'audit.groupCreated',
  'group.updated': 'audit.groupUpdated',
  'group.archived': 'audit.groupArchived',
  'group.unarchived': 'audit.groupUnarchived',
  'member.added': 'audit.memberAdded',
  'member.role-changed': 'audit.memberRoleChanged',
  'member.removed': 'audit.memberRemoved',
  'member.left': 'audit.memberLeft',
  'invitation.created': 'audit.invitationCreated',
  'invitation.revoked': 'audit.invitationRevoked',
  'invitation.accepted': 'audit.invitationAccepted',
  'invitation.renewed': 'audit.invitationRenewed',
  'api-token.created': 'audit.apiTokenCreated',
  'api-token.revoked': 'audit.apiTokenRevoked',
  'attachment.removed': 'audit.attachmentRemoved',
  'check-in.created': 'audit.checkInCreated',
  'check-in.stopped': 'audit.checkInStopped',
  'publication.published': 'audit.publicationPublished',
  'publication.changed': 'audit.publicationChanged',
  'publication.withdrawn': 'audit.publicationWithdrawn',
};

const FIELD_TEXTS: Record<string, MessageKey> = {
  name: 'groups.name',
  purpose: 'groups.purpose',
  objectives: 'objectives.legend',
};

/** One line of the log in the reader's language: who did what, to whom; the changed fields of an edit. */
export function auditText(entry: AuditEntryDto): string {
  const actor = entry.actor?.displayName ?? t('audit.someone');
  const role = (entry.after?.role ?? entry.before?.role) as Role | undefined;
  const params = {
    actor: entry.apiToken ? `${actor} (${entry.apiToken.name})` : actor,
    subject: entry.subject?.displayName ?? '',
    role: role ? roleText(role) : '',
    email: typeof entry.after?.email === 'string' ? entry.after.email : '',
  };
  const key = AUDIT_TEXTS[entry.action];
  const text = key ? t(key, params) : t('audit.other', { ...params, action: entry.action });
  if (entry.action !== 'group.updated' || !entry.after) return text;
  const fields = Object.keys(entry.after).map((field) => (FIELD_TEXTS[field] ? t(FIELD_TEXTS[field]) : field));
  return `${text} (${fields.join(t('audit.fieldSeparator'))})`;
}
