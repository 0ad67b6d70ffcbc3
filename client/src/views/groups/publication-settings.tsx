import { useState } from 'preact/hooks';
import { getPublication, publishProgress, withdrawPublication } from '../../api/publishing';
import type { PublicationVisibility } from '../../api/server-types';
import { formatDateTime, t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { useLoad } from '../../ui/use-load';

type Choice = 'none' | PublicationVisibility;

/**
 * Publishing the group's progress (facilitators): not published, unlisted (the link only) or public (also listed),
 * the link to share and the widget's embed code; withdrawing stops the link. Each change is in the audit log.
 */
export function PublicationSettings({ groupId, archived }: { groupId: string; archived: boolean }) {
  const state = useLoad(() => getPublication(groupId), [groupId]);
  const [error, setError] = useState<unknown>(null);
  // The choice being saved shows as chosen until the server answers (then the answer decides).
  const [pending, setPending] = useState<Choice | null>(null);
  const publication = state.data?.publication ?? null;
  const current: Choice = publication?.visibility ?? 'none';

  const choose = async (next: Choice) => {
    if (next === current) return;
    setPending(next);
    setError(null);
    try {
      if (next === 'none') {
        await withdrawPublication(groupId);
        state.set({ publication: null });
        announce(t('publication.withdrawn'));
      } else {
        state.set({ publication: await publishProgress(groupId, next) });
        announce(t('publication.saved'));
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(null);
    }
  };

  const origin = window.location.origin;
  const pageUrl = publication ? `${origin}${publication.path}` : '';
  const embed = publication
    ? `<iframe src="${origin}${publication.widgetPath}" title="${t('publication.widgetTitle')}" width="360" height="180" style="border:0"></iframe>`
    : '';

  return (
    <section class="card" aria-labelledby="publication-title" data-testid="publication-settings">
      <h2 id="publication-title">{t('publication.title')}</h2>
      <p>{t('publication.hint')}</p>
      <ErrorNote error={state.error ?? error} />
      {state.data && (
        <fieldset class="form" disabled={pending !== null || archived}>
          <legend>{t('publication.visibility')}</legend>
          {(['none', 'unlisted', 'public'] as const).map((choice) => (
            <label key={choice} class="choice">
              <input
                type="radio"
                name="publication-visibility"
                value={choice}
                checked={(pending ?? current) === choice}
                onChange={() => void choose(choice)}
              />{' '}
              {t(`publication.${choice}`)}
            </label>
          ))}
        </fieldset>
      )}
      {publication && (
        <div class="form" data-testid="publication-links">
          <p class="muted">{t('publication.since', { at: formatDateTime(publication.publishedAt) })}</p>
          <label for="publication-link">{t('publication.link')}</label>
          <input id="publication-link" readOnly value={pageUrl} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
          <p>
            <a href={publication.path} target="_blank" rel="noopener noreferrer">
              {t('publication.open')}
            </a>
          </p>
          <label for="publication-embed">{t('publication.embed')}</label>
          <textarea
            id="publication-embed"
            readOnly
            rows={3}
            value={embed}
            dir="ltr"
            onFocus={(e) => e.currentTarget.select()}
          />
          <p class="muted">{t('publication.embedHint')}</p>
        </div>
      )}
    </section>
  );
}
