import type { ActionStatus, Summary } from '../../api/server-types';
import { direction, formatNumber, formatPercent, t } from '../../i18n/i18n';
import { STATUSES, statusText } from '../actions/action-text';

export interface ChartRow {
  key: string;
  label: string;
  summary: Summary;
}

const ROW_HEIGHT = 28;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 440;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + 60;

/**
 * Stacked bars of items by status, one row per recommendation or objective, drawn as SVG (no canvas): the chart
 * has a title and description for assistive technology, every segment a <title>, and the same numbers follow
 * in a table. Colours come from the stylesheet, with the status named in the legend and table, not colour alone.
 * In right-to-left layouts the bars grow from the right, with the labels on the right.
 */
export function StatusChart({ id, title, rows }: { id: string; title: string; rows: ChartRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.summary.total));
  const height = rows.length * ROW_HEIGHT + 8;
  const rtl = direction.value === 'rtl';
  // Positions are computed left to right and mirrored for right-to-left: x of a box of this width. Text anchors
  // need no flip: `start` and `end` follow the inherited direction.
  const place = (x: number, width = 0) => (rtl ? WIDTH - x - width : x);
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <Legend />
      {rows.length === 0 ? (
        <p class="muted">{t('report.noData')}</p>
      ) : (
        <>
          <svg
            class="chart-svg"
            viewBox={`0 0 ${WIDTH} ${height}`}
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
            data-testid={`${id}-chart`}
          >
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{rows.map((r) => describe(r)).join('. ')}</desc>
            {rows.map((row, index) => {
              const y = index * ROW_HEIGHT + 4;
              let x = LABEL_WIDTH;
              return (
                <g key={row.key}>
                  <text class="chart-label" x={place(LABEL_WIDTH - 8)} y={y + ROW_HEIGHT / 2 + 4} text-anchor="end">
                    {row.label.length > 30 && <title>{row.label}</title>}
                    {row.label.length > 30 ? `${row.label.slice(0, 29)}…` : row.label}
                  </text>
                  {STATUSES.map((status) => {
                    const count = row.summary.byStatus[status];
                    if (!count) return null;
                    const width = (count / max) * BAR_WIDTH;
                    const segment = (
                      <rect
                        key={status}
                        class={`segment segment-${status}`}
                        x={place(x, width)}
                        y={y + 3}
                        width={width}
                        height={ROW_HEIGHT - 8}
                      >
                        <title>{`${statusText(status)}: ${formatNumber(count)}`}</title>
                      </rect>
                    );
                    x += width;
                    return segment;
                  })}
                  <text class="chart-value" x={place(x + 6)} y={y + ROW_HEIGHT / 2 + 4} text-anchor="start">
                    {formatPercent(row.summary.shareDone)}
                  </text>
                </g>
              );
            })}
          </svg>
          <DataTable rows={rows} caption={title} />
        </>
      )}
    </figure>
  );
}

function describe(row: ChartRow): string {
  const parts = STATUSES.filter((s) => row.summary.byStatus[s] > 0).map(
    (s) => `${statusText(s)} ${formatNumber(row.summary.byStatus[s])}`,
  );
  return `${row.label}: ${parts.join(', ') || t('report.noItems')}`;
}

function Legend() {
  return (
    <ul class="legend" aria-hidden="true">
      {STATUSES.map((status: ActionStatus) => (
        <li key={status}>
          <svg width="14" height="14" viewBox="0 0 14 14">
            <rect class={`segment segment-${status}`} width="14" height="14" />
          </svg>{' '}
          {statusText(status)}
        </li>
      ))}
    </ul>
  );
}

function DataTable({ rows, caption }: { rows: ChartRow[]; caption: string }) {
  return (
    <details class="chart-data">
      <summary>{t('report.showTable')}</summary>
      <div class="table-scroll">
        <table class="table">
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.row')}</th>
              {STATUSES.map((s) => (
                <th scope="col" key={s}>
                  {statusText(s)}
                </th>
              ))}
              <th scope="col">{t('report.overdue')}</th>
              <th scope="col">{t('report.total')}</th>
              <th scope="col">{t('report.shareDone')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" dir="auto">
                  {row.label}
                </th>
                {STATUSES.map((s) => (
                  <td key={s}>{formatNumber(row.summary.byStatus[s])}</td>
                ))}
                <td>{formatNumber(row.summary.overdue)}</td>
                <td>{formatNumber(row.summary.total)}</td>
                <td>{formatPercent(row.summary.shareDone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
