import { useEffect } from 'preact/hooks';
import { getPublishedProgress } from '../../api/publishing';
import type { PublishedProgressDto } from '../../api/server-types';
import { applyLocale, formatDateTime, formatNumber, t } from '../../i18n/i18n';
import { location } from '../../router';
import { ErrorNote } from '../../ui/form';
import { objectiveLabel } from '../../ui/objective-text';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { statusText } from '../actions/action-text';

type Figures = { claimed: number | null; verified: number | null };

/** "42%", or a dash where there is nothing to count (no actions, all cancelled). */
const percentText = (value: number | null) => (value === null ? '—' : `${formatNumber(value)}%`);

/** Claimed and verified side by side, each a meter with its number: the figures a published page is about. */
function Bars({ figures, label }: { figures: Figures; label: string }) {
  return (
    <div class="published-bars">
      {(['claimed', 'verified'] as const).map((kind) => (
        <div class="published-bar" key={kind}>
          <span>{t(kind === 'claimed' ? 'published.claimed' : 'published.verified')}</span>
          <meter
            min={0}
            max={100}
            value={figures[kind] ?? 0}
            aria-label={`${label}: ${t(kind === 'claimed' ? 'published.claimed' : 'published.verified')}`}
          />
          <strong data-testid={`published-${kind}`}>{percentText(figures[kind])}</strong>
        </div>
      ))}
    </div>
  );
}

/**
 * A group's published progress, for anyone with the address and no sign-in: figures per recommendation (with its
 * actions), per GCM objective and per lead organization. The server sends nothing about people; neither does this.
 */
export function PublishedPage({ token }: { token: string }) {
  // The widget's "open the full page" link names its language.
  const lang = location.value.query.get('lang');
  useEffect(() => {
    if (lang === 'ar' || lang === 'en') void applyLocale(lang);
  }, [lang]);
  const page = useLoad(() => getPublishedProgress(token), [token]);
  const data = page.data;
  if (page.error) {
    return (
      <Page title={t('published.title')}>
        <ErrorNote error={page.error} />
      </Page>
    );
  }
  if (!data) return <p role="status">{t('common.loading')}</p>;
  return (
    <Page title={data.group.name}>
      <div data-testid="published-page" class="published">
        <p class="muted">{t('published.generated', { at: formatDateTime(data.generatedAt) })}</p>
        <section class="card" aria-labelledby="published-overall">
          <h2 id="published-overall">{t('published.overall')}</h2>
          <Bars figures={data.overall} label={t('published.overall')} />
          <p class="muted">{t('published.explain')}</p>
        </section>
        <Recommendations data={data} />
        <section class="card" aria-labelledby="published-objectives" data-testid="published-objectives">
          <h2 id="published-objectives">{t('published.byObjective')}</h2>
          {data.objectives.length === 0 ? (
            <p>{t('published.none')}</p>
          ) : (
            <ul class="plain-list">
              {data.objectives.map((o) => (
                <li key={o.objective}>
                  <h3>{objectiveLabel(o.objective)}</h3>
                  <Bars figures={o} label={objectiveLabel(o.objective)} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="card" aria-labelledby="published-organizations" data-testid="published-organizations">
          <h2 id="published-organizations">{t('published.byOrganization')}</h2>
          {data.organizations.length === 0 ? (
            <p>{t('published.none')}</p>
          ) : (
            <ul class="plain-list">
              {data.organizations.map((o) => (
                <li key={o.name}>
                  <h3 dir="auto">{o.name}</h3>
                  <p class="muted">{t('published.actions', { count: formatNumber(o.actions) })}</p>
                  <Bars figures={o} label={o.name} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Page>
  );
}

function Recommendations({ data }: { data: PublishedProgressDto }) {
  return (
    <section class="card" aria-labelledby="published-recommendations" data-testid="published-recommendations">
      <h2 id="published-recommendations">{t('published.byRecommendation')}</h2>
      {data.recommendations.length === 0 ? (
        <p>{t('published.none')}</p>
      ) : (
        <ul class="plain-list">
          {data.recommendations.map((r, index) => (
            <li key={index}>
              <h3 dir="auto">{r.title}</h3>
              {r.objectives.length > 0 && <p class="muted">{r.objectives.map((n) => objectiveLabel(n)).join(' · ')}</p>}
              <Bars figures={r} label={r.title} />
              {r.actions.length > 0 && (
                <table class="published-actions">
                  <thead>
                    <tr>
                      <th scope="col">{t('published.action')}</th>
                      <th scope="col">{t('published.lead')}</th>
                      <th scope="col">{t('published.status')}</th>
                      <th scope="col">{t('published.claimed')}</th>
                      <th scope="col">{t('published.verified')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.actions.map((a, i) => (
                      <tr key={i}>
                        <td dir="auto">{a.title}</td>
                        <td dir="auto">{a.leadOrganization ?? '—'}</td>
                        <td>
                          {statusText(a.status)}
                          {a.overdue && ` · ${t('published.overdue')}`}
                        </td>
                        <td>{percentText(a.claimed)}</td>
                        <td>{percentText(a.verified)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
