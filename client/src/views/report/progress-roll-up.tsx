import { useEffect } from 'preact/hooks';
import { groupProgress, workspaceProgress } from '../../api/accountability';
import type { FiguresDto, ProgressRollUpDto, RollUpRecommendationDto } from '../../api/server-types';
import { onSettledChanges } from '../../live/settled';
import { formatNumber, t, tn } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { objectiveLabel } from '../../ui/objective-text';
import { Figures, percentText } from '../actions/progress-bars';
import { useLoad } from '../../ui/use-load';
import { statusText } from '../actions/action-text';
import { outcomeText } from '../threads/recommendation-text';

/**
 * Claimed against verified progress: overall, per recommendation (open to see its actions and their weights), per
 * GCM objective, per lead organization and, for the workspace, per group. Re-read whenever an action item of the
 * group (any group, for the workspace) changes, so every open report moves with the work.
 */
export function ProgressRollUp({ groupId }: { groupId?: string }) {
  const rollUp = useLoad(() => (groupId ? groupProgress(groupId) : workspaceProgress()), [groupId]);
  useEffect(
    () =>
      onSettledChanges(
        groupId,
        (event) => event.type.startsWith('action.'),
        () => void rollUp.reload(),
      ),
    [groupId],
  );
  const data = rollUp.data;

  return (
    <section class="card roll-up" aria-labelledby="roll-up-title" data-testid="progress-roll-up">
      <h2 id="roll-up-title">{t('rollUp.title')}</h2>
      <ErrorNote error={rollUp.error} />
      {!data ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <Figures claimed={data.overall.claimed} verified={data.overall.verified} />
          <h3>{t('rollUp.byRecommendation')}</h3>
          {data.recommendations.length === 0 ? (
            <p class="muted">{t('rollUp.noRecommendations')}</p>
          ) : (
            <ul class="roll-up-list">
              {data.recommendations.map((r) => (
                <Recommendation key={r.id} recommendation={r} />
              ))}
            </ul>
          )}
          <FiguresTable
            caption={t('rollUp.byObjective')}
            head={t('rollUp.objective')}
            rows={data.objectives.map((o) => ({
              key: String(o.objective),
              label: objectiveLabel(o.objective),
              count: tn('rollUp.recommendations', o.recommendations),
              figures: o,
            }))}
          />
          <FiguresTable
            caption={t('rollUp.byOrganization')}
            head={t('rollUp.organization')}
            rows={data.organizations.map((o) => ({
              key: o.id,
              label: o.name,
              count: tn('rollUp.actions', o.actions),
              figures: o,
            }))}
          />
          {!groupId && <Groups data={data} />}
        </>
      )}
    </section>
  );
}

function Recommendation({ recommendation: r }: { recommendation: RollUpRecommendationDto }) {
  return (
    <li>
      <details class="roll-up-recommendation">
        <summary>
          <bdi>{r.title}</bdi>
          {r.outcome && <span class="tag">{outcomeText(r.outcome)}</span>}{' '}
          <span class="muted">
            {t('rollUp.figuresText', { claimed: percentText(r.claimed), verified: percentText(r.verified) })}
          </span>
        </summary>
        <Figures claimed={r.claimed} verified={r.verified} />
        {r.actions.length === 0 ? (
          <p class="muted">{t('rollUp.noActions')}</p>
        ) : (
          <div class="table-scroll">
            <table class="table roll-up-actions">
              <thead>
                <tr>
                  <th scope="col">{t('rollUp.action')}</th>
                  <th scope="col">{t('action.status')}</th>
                  <th scope="col">{t('rollUp.weight')}</th>
                  <th scope="col">{t('progress.claimed')}</th>
                  <th scope="col">{t('progress.verified')}</th>
                </tr>
              </thead>
              <tbody>
                {r.actions.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link href={`/groups/${r.groupId}/actions/${a.id}`} dir="auto">
                        {a.title}
                      </Link>
                      {a.claimPending && <span class="tag tag-pending">{t('progress.pending')}</span>}
                      {a.overdue && <span class="tag tag-overdue">{t('report.overdue')}</span>}
                      {a.leadOrganization && (
                        <span class="muted">
                          {' · '}
                          <bdi>{a.leadOrganization.name}</bdi>
                        </span>
                      )}
                    </th>
                    <td data-label={t('action.status')}>{statusText(a.status)}</td>
                    <td data-label={t('rollUp.weight')}>{formatNumber(a.weight)}</td>
                    <td data-label={t('progress.claimed')}>{percentText(a.claimed)}</td>
                    <td data-label={t('progress.verified')}>{percentText(a.verified)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </li>
  );
}

interface Row {
  key: string;
  label: string;
  count?: string;
  figures: FiguresDto;
}

function FiguresTable({ caption, head, rows }: { caption: string; head: string; rows: Row[] }) {
  if (rows.length === 0) return null;
  return (
    <div class="table-scroll">
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('progress.claimed')}</th>
            <th scope="col">{t('progress.verified')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                <bdi>{row.label}</bdi> {row.count && <span class="muted">({row.count})</span>}
              </th>
              <td>{percentText(row.figures.claimed)}</td>
              <td>{percentText(row.figures.verified)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Groups({ data }: { data: ProgressRollUpDto }) {
  return (
    <FiguresTable
      caption={t('rollUp.byGroup')}
      head={t('rollUp.group')}
      rows={data.groups.map((g) => ({ key: g.id, label: g.name, figures: g }))}
    />
  );
}
