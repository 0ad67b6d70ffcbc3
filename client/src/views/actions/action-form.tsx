import { useEffect, useState } from 'preact/hooks';
import type { ActionDraft } from '../../api/actions';
import type { ActionItemDto, OrganizationDto, Priority } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { Link } from '../../ui/link';
import { ObjectivesPicker } from '../../ui/objectives-picker';
import { useGroup } from '../groups/group-context';
import { AttachButton, DropZone, PendingChips, useFileDraft } from '../files/attach-control';
import { loadSource, type ActionSourceRef, type SourceDraft } from './action-source';
import { PRIORITIES, priorityText } from './action-text';
import { organizations } from './organizations';

interface Props {
  /** The item being edited; a new item when absent. */
  item?: ActionItemDto;
  source?: ActionSourceRef;
  submitLabel: string;
  onSubmit: (draft: ActionDraft) => Promise<void>;
  onCancel?: () => void;
}

/** The fields of an action item, for creating one and for editing it. */
export function ActionForm({ item, source, submitLabel, onSubmit, onCancel }: Props) {
  const { group, members } = useGroup();
  // Observers read; they cannot move an item along, so they are not offered as its focal person (one who already is
  // stays shown on an item being edited).
  const focalChoices = members.filter((m) => m.role !== 'observer' || m.userId === item?.focalPerson?.id);
  const [origin, setOrigin] = useState<SourceDraft | null>(null);
  const files = useFileDraft(group.id);
  const [orgs, setOrgs] = useState<OrganizationDto[]>([]);
  const [title, setTitle] = useState(item?.title ?? '');
  const [description, setDescription] = useState(item?.description ?? '');
  const [lead, setLead] = useState(item?.leadOrganization?.id ?? '');
  const [supporting, setSupporting] = useState<string[]>(item?.supportingOrganizations.map((o) => o.id) ?? []);
  const [focal, setFocal] = useState(item?.focalPerson?.id ?? '');
  const [due, setDue] = useState(item?.dueDate ?? '');
  const [priority, setPriority] = useState<Priority>(item?.priority ?? 'medium');
  const [objectives, setObjectives] = useState<number[]>(item?.objectives ?? []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const prefix = item ? `edit-${item.id}` : 'new-action';

  useEffect(() => {
    organizations().then(setOrgs, () => setOrgs([]));
  }, []);

  // A new item from a recommendation or a message starts from its words (what the reader has typed is kept).
  useEffect(() => {
    if (!source || item) return;
    let live = true;
    loadSource(group.id, source, plainText).then(
      (draft) => {
        if (!live || !draft) return;
        setOrigin(draft);
        setTitle((typed) => typed || draft.title);
        setDescription((typed) => typed || draft.description);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [source?.type, source?.id]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    // Editing sends null to clear a field; creating leaves it out.
    const empty = item ? null : undefined;
    try {
      await onSubmit({
        title: title.trim(),
        description: description.trim() || (item ? '' : undefined),
        ...(source && !item ? { sourceType: source.type, sourceId: source.id } : {}),
        leadOrganizationId: lead || empty,
        supportingOrganizationIds: supporting,
        focalPersonId: focal || empty,
        dueDate: due || empty,
        priority,
        ...(objectives.length || item ? { objectives } : {}),
        ...(files.ids.length ? { attachmentIds: files.ids } : {}),
      });
      files.clear();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form action-form" onSubmit={submit} noValidate>
      {origin && (
        <p class="source-note" data-testid="action-origin">
          {origin.author ? (
            <>
              {t('action.fromMessage')} <bdi>{origin.author}</bdi> {t('action.fromMessageIn')}
            </>
          ) : (
            t('action.fromRecommendation')
          )}{' '}
          <Link href={origin.href} dir="auto">
            {origin.threadTitle}
          </Link>
        </p>
      )}
      <Field id={`${prefix}-title`} label={t('action.title')} error={errors.title}>
        <input
          {...described(`${prefix}-title`, errors.title)}
          required
          dir="auto"
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${prefix}-description`} label={t('action.description')} error={errors.description}>
        <textarea
          {...described(`${prefix}-description`, errors.description)}
          rows={3}
          dir="auto"
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </Field>
      <div class="form-row">
        <Field id={`${prefix}-lead`} label={t('action.lead')} error={errors.leadOrganizationId}>
          <select
            {...described(`${prefix}-lead`, errors.leadOrganizationId)}
            value={lead}
            onChange={(e) => setLead(e.currentTarget.value)}
          >
            <option value="">{t('action.none')}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-focal`} label={t('action.focal')} error={errors.focalPersonId}>
          <select
            {...described(`${prefix}-focal`, errors.focalPersonId)}
            value={focal}
            onChange={(e) => setFocal(e.currentTarget.value)}
          >
            <option value="">{t('action.none')}</option>
            {focalChoices.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.displayName}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-due`} label={t('action.due')} error={errors.dueDate}>
          <input
            {...described(`${prefix}-due`, errors.dueDate)}
            type="date"
            value={due}
            onInput={(e) => setDue(e.currentTarget.value)}
          />
        </Field>
        <Field id={`${prefix}-priority`} label={t('action.priority')} error={errors.priority}>
          <select
            {...described(`${prefix}-priority`, errors.priority)}
            value={priority}
            onChange={(e) => setPriority(e.currentTarget.value as Priority)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {priorityText(p)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {orgs.length > 0 && (
        <fieldset>
          <legend>{t('action.supporting')}</legend>
          <div class="choice-grid">
            {orgs.map((o) => (
              <label key={o.id} class="choice">
                <input
                  type="checkbox"
                  checked={supporting.includes(o.id)}
                  onChange={(e) =>
                    setSupporting(
                      e.currentTarget.checked ? [...supporting, o.id] : supporting.filter((id) => id !== o.id),
                    )
                  }
                />{' '}
                <span dir="auto">{o.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <ObjectivesPicker id={`${prefix}-objectives`} value={objectives} onChange={setObjectives} />
      <DropZone draft={files}>
        <fieldset>
          <legend>{t('files.list')}</legend>
          <AttachButton draft={files} describedBy={`${prefix}-files-hint`} />
          <p id={`${prefix}-files-hint`} class="hint">
            {t('files.dropHint')}
          </p>
          <PendingChips draft={files} />
        </fieldset>
      </DropZone>
      <ErrorNote error={Object.keys(errors).length ? null : error} />
      <div class="row">
        <button type="submit" class="button-primary" disabled={busy || files.busy || title.trim().length < 3}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="button-link" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Sanitized HTML as plain text, a line per paragraph or list item (the server sanitized it; nothing is inserted). */
function plainText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  for (const block of body.querySelectorAll('p, li, blockquote, pre, h1, h2, h3, h4, br')) block.after('\n');
  return (body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}
