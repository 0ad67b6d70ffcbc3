import { useEffect, useState } from 'preact/hooks';
import { addMilestone, removeMilestone, updateMilestone } from '../../api/accountability';
import type { MilestoneDto } from '../../api/server-types';
import { formatDay, t } from '../../i18n/i18n';
import { described, ErrorNote, Field } from '../../ui/form';
import { Time } from '../../ui/time';

/** An item's steps, in order: those responsible (and facilitators) add, tick and remove them. */
export function Milestones({
  actionId,
  milestones,
  canEdit,
  onChanged,
}: {
  actionId: string;
  milestones: MilestoneDto[];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A tick shows at once; the list read after the change (or a live one) replaces it.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  useEffect(() => setTicked({}), [milestones]);
  const run = (work: Promise<unknown>) => {
    setError(null);
    setBusy(true);
    work.then(onChanged, setError).finally(() => setBusy(false));
  };

  return (
    <div class="milestones" data-testid="milestones">
      <h3>{t('milestone.title')}</h3>
      {milestones.length === 0 ? (
        <p class="muted">{t('milestone.none')}</p>
      ) : (
        <ol class="milestone-list">
          {milestones.map((m) => (
            <li key={m.id} class={m.done ? 'milestone done' : 'milestone'}>
              {canEdit ? (
                <label class="choice">
                  <input
                    type="checkbox"
                    checked={ticked[m.id] ?? m.done}
                    disabled={busy}
                    onChange={(e) => {
                      const done = e.currentTarget.checked;
                      setTicked((current) => ({ ...current, [m.id]: done }));
                      run(
                        updateMilestone(m.id, { done }).catch((failure: unknown) => {
                          setTicked(({ [m.id]: _, ...rest }) => rest);
                          throw failure;
                        }),
                      );
                    }}
                  />{' '}
                  <bdi>{m.title}</bdi>
                </label>
              ) : (
                <span>
                  <span aria-hidden="true">{m.done ? '✓' : '○'}</span>
                  <span class="visually-hidden">{m.done ? t('milestone.done') : t('milestone.notDone')}</span>{' '}
                  <bdi>{m.title}</bdi>
                </span>
              )}
              {m.dueDate && <span class="meta"> · {t('milestone.due', { date: formatDay(m.dueDate) })}</span>}
              {m.done && m.doneAt && (
                <span class="meta">
                  {' · '}
                  {m.doneBy ? t('milestone.doneBy', { name: m.doneBy.displayName }) : t('milestone.done')}{' '}
                  <Time iso={m.doneAt} />
                </span>
              )}
              {canEdit && (
                <button
                  type="button"
                  class="button-link"
                  disabled={busy}
                  aria-label={t('milestone.removeNamed', { title: m.title })}
                  onClick={() => run(removeMilestone(m.id))}
                >
                  {t('milestone.remove')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <details class="add-form" open={milestones.length === 0}>
          <summary>{t('milestone.add')}</summary>
          <form
            class="form-row milestone-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!title.trim()) return;
              run(
                addMilestone(actionId, title.trim(), due || undefined).then(() => {
                  setTitle('');
                  setDue('');
                }),
              );
            }}
          >
            <Field id="milestone-title" label={t('milestone.new')}>
              <input
                {...described('milestone-title')}
                dir="auto"
                maxLength={200}
                value={title}
                onInput={(e) => setTitle(e.currentTarget.value)}
              />
            </Field>
            <Field id="milestone-due" label={t('milestone.dueDate')}>
              <input
                {...described('milestone-due')}
                type="date"
                value={due}
                onInput={(e) => setDue(e.currentTarget.value)}
              />
            </Field>
            <button type="submit" class="button-quiet" disabled={busy || !title.trim()}>
              {t('milestone.save')}
            </button>
          </form>
        </details>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
