import { useEffect, useState } from 'preact/hooks';
import { groupReport, reportPath, workspaceReport } from '../../api/actions';
import { download, withQuery } from '../../api/http';
import { onGroupEvent, onResync } from '../../live/feed';
import { formatNumber, formatPercent, t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { objectiveLabel } from '../../ui/objective-text';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { STATUSES, statusText } from '../actions/action-text';
import { StatusChart } from './status-chart';

/**
 * Progress of the follow-up: totals, and status per recommendation and per GCM objective. A group's (kept live), or
 * without a group the whole workspace's (the admin's). Printed, it is a clean A4 page; exported, a CSV.
 */
export function ReportPage({ groupId }: { groupId?: string }) {
  const report = useLoad(() => (groupId ? groupReport(groupId) : workspaceReport()), [groupId]);
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
              download(withQuery(reportPath(groupId), { format: 'csv' }), 'progress-report.csv').catch(setError)
            }
          >
            {t('report.export')}
          </button>
        </>
      }
    >
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
        </>
      )}
    </Page>
  );
}
