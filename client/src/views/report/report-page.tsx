import { useEffect, useState } from 'preact/hooks';
import { groupReport, reportPath, workspaceReport, type ReportPeriod } from '../../api/actions';
import type { ProgressReport } from '../../api/server-types';
import { location, setQuery } from '../../router';
import { Link } from '../../ui/link';
import { download, withQuery } from '../../api/http';
import { onGroupEvent, onResync } from '../../live/feed';
import { formatDateTime, formatDay, formatNumber, formatPercent, t } from '../../i18n/i18n';
import { described, ErrorNote, Field } from '../../ui/form';
import { objectiveLabel } from '../../ui/objective-text';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { STATUSES, statusText } from '../actions/action-text';
import { StatusChart } from './status-chart';
import { ProgressRollUp } from './progress-roll-up';
import { WorkbookImport } from './workbook-import';

/**
 * Progress of the follow-up: totals, and status per recommendation and per GCM objective. A group's (kept live), or
 * without a group the whole workspace's (the admin's). Printed, it is a clean A4 page; exported, a CSV.
 */
export function ReportPage({ groupId }: { groupId?: string }) {
  // The period is in the address: a printed or shared report says which days it covers.
  const query = location.value.query;
  const period: ReportPeriod = { from: query.get('from') || undefined, to: query.get('to') || undefined };
  const report = useLoad(
    () => (groupId ? groupReport(groupId, period) : workspaceReport(period)),
    [groupId, period.from, period.to],
  );
  const [error, setError] = useState<unknown>(null);
  // Any change to an item changes the numbers: read the report again (it is one query on the server).
  useEffect(() => {
    if (!groupId) return;
    const stops = [
      onGroupEvent(groupId, ['action.created', 'action.updated'], () => void report.reload()),
      onResync((id) => id === groupId && void report.reload()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [groupId]);
  const data = report.data;

  return (
    <Page
      title={groupId ? t('report.title') : t('report.workspaceTitle')}
      actions={
        <>
          <button type="button" class="button-quiet" onClick={() => window.print()}>
            {t('report.print')}
          </button>
          <button
            type="button"
            class="button-quiet"
            onClick={() =>
              download(withQuery(reportPath(groupId), { format: 'csv', ...period }), 'progress-report.csv').catch(
                setError,
              )
            }
          >
            {t('report.export')}
          </button>
        </>
      }
    >
      <fieldset class="report-period form-row" data-testid="report-period">
        <legend>{t('report.period')}</legend>
        <Field id="report-from" label={t('report.from')}>
          <input
            {...described('report-from')}
            type="date"
            value={period.from ?? ''}
            max={period.to}
            onChange={(e) => setQuery({ from: e.currentTarget.value })}
          />
        </Field>
        <Field id="report-to" label={t('report.to')}>
          <input
            {...described('report-to')}
            type="date"
            value={period.to ?? ''}
            min={period.from}
            onChange={(e) => setQuery({ to: e.currentTarget.value })}
          />
        </Field>
        {(period.from || period.to) && (
          <button type="button" class="button-link" onClick={() => setQuery({ from: null, to: null })}>
            {t('report.allTime')}
          </button>
        )}
      </fieldset>
      <p class="muted print-only-block">
        {period.from || period.to
          ? t('report.periodText', {
              from: period.from ? formatDay(period.from) : '…',
              to: period.to ? formatDay(period.to) : '…',
            })
          : t('report.allTimeText')}
      </p>
      <ErrorNote error={report.error ?? error} />
      {!data ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <dl class="totals">
            <div>
              <dt>{t('report.total')}</dt>
              <dd>{formatNumber(data.totals.total)}</dd>
            </div>
            {STATUSES.map((s) => (
              <div key={s}>
                <dt>{statusText(s)}</dt>
                <dd>{formatNumber(data.totals.byStatus[s])}</dd>
              </div>
            ))}
            <div>
              <dt>{t('report.overdue')}</dt>
              <dd>{formatNumber(data.totals.overdue)}</dd>
            </div>
            <div>
              <dt>{t('report.shareDone')}</dt>
              <dd>{formatPercent(data.totals.shareDone)}</dd>
            </div>
          </dl>
          <ProgressRollUp groupId={groupId} />
          <StatusChart
            id="by-recommendation"
            title={t('report.byRecommendation')}
            rows={data.byRecommendation.map((row) => ({
              key: row.recommendation?.id ?? 'none',
              label: row.recommendation?.title ?? t('report.noRecommendation'),
              summary: row,
            }))}
          />
          <StatusChart
            id="by-objective"
            title={t('report.byObjective')}
            rows={data.byObjective.map((row) => ({
              key: String(row.objective),
              label: objectiveLabel(row.objective),
              summary: row,
            }))}
          />
          <StatusChart
            id="by-organization"
            title={t('report.byOrganization')}
            rows={data.byOrganization.map((row) => ({
              key: row.organization?.id ?? 'none',
              label: row.organization?.name ?? t('report.noOrganization'),
              summary: row,
            }))}
          />
          <Narrative report={data} groupId={groupId} />
        </>
      )}
      {groupId && <WorkbookImport groupId={groupId} />}
    </Page>
  );
}

/** What was done, in the words of those doing it: each item's latest progress note in the period, newest first. */
function Narrative({ report, groupId }: { report: ProgressReport; groupId?: string }) {
  const notes = report.narrative ?? [];
  return (
    <section class="card narrative" aria-labelledby="narrative-title" data-testid="narrative">
      <h2 id="narrative-title">{t('report.narrative')}</h2>
      {notes.length === 0 ? (
        <p class="muted">{t('report.noNarrative')}</p>
      ) : (
        <ul class="admin-list">
          {notes.map((n) => (
            <li key={n.action.id}>
              <h3 class="narrative-title">
                <Link href={`/groups/${n.group.id}/actions/${n.action.id}`} dir="auto">
                  {n.action.title}
                </Link>{' '}
                <span class="tag">{statusText(n.action.status)}</span>
              </h3>
              {!groupId && (
                <p class="muted" dir="auto">
                  {n.group.name}
                </p>
              )}
              <p class="narrative-body" dir="auto">
                {n.note.body}
              </p>
              <p class="muted">
                {n.note.author ? (
                  <>
                    <span dir="auto">{n.note.author}</span> ·{' '}
                  </>
                ) : null}
                {formatDateTime(n.note.at)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
