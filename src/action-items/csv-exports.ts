import { objectiveTitle } from '../common/gcm-objectives';
import { priorityName, statusName } from '../notifications/texts/notification-text';
import { toCsv } from './csv';
import type { CsvTranslator } from './csv-translator';
import type { ActionItemDto } from './dto/action-item.dto';
import type { ProgressReport } from './dto/progress-report.dto';
import type { Summary } from './report-summary';

/*
 * The CSV exports, in the language of the request: headers, status and priority names, yes/no, objective titles and
 * dates are words for the person who opens the file in a spreadsheet. Ids stay as they are so a row can be matched
 * back to the API; a program reading the data takes the JSON of the same routes, which stays machine values only.
 */

/** An objective as a spreadsheet cell: its number and its title. */
const objectiveCell = (n: number, tr: CsvTranslator) => `${n}. ${objectiveTitle(n, tr.locale)}`;

/** A group's action items, one row each. */
export function actionItemsCsv(items: ActionItemDto[], tr: CsvTranslator): string {
  return toCsv(
    [
      tr.t('csv.id'),
      tr.t('csv.title'),
      tr.t('csv.status'),
      tr.t('csv.statusReason'),
      tr.t('csv.priority'),
      tr.t('csv.dueDate'),
      tr.t('csv.overdue'),
      tr.t('csv.leadOrganization'),
      tr.t('csv.supportingOrganizations'),
      tr.t('csv.focalPerson'),
      tr.t('csv.objectives'),
      tr.t('csv.source'),
      tr.t('csv.evidenceFiles'),
      tr.t('csv.description'),
      tr.t('csv.createdAt'),
      tr.t('csv.updatedAt'),
    ],
    items.map((i) => [
      i.id,
      i.title,
      statusName(i.status, tr),
      i.statusReason,
      priorityName(i.priority, tr),
      i.dueDate ? tr.formatDay(i.dueDate) : null,
      i.overdue ? tr.t('csv.yes') : tr.t('csv.no'),
      i.leadOrganization?.name,
      i.supportingOrganizations.map((o) => o.name),
      i.focalPerson?.displayName,
      i.objectives.map((n) => objectiveCell(n, tr)),
      i.source?.title,
      i.evidenceCount,
      i.description,
      tr.formatInstant(i.createdAt),
      tr.formatInstant(i.updatedAt),
    ]),
  );
}

/** A progress report as a flat table: one row per dimension and key. Counts and the share done stay numbers. */
export function progressReportCsv(report: ProgressReport, tr: CsvTranslator): string {
  const line = (dimension: string, key: string, s: Summary) => [
    dimension,
    key,
    s.byStatus.open,
    s.byStatus['in-progress'],
    s.byStatus.done,
    s.byStatus.blocked,
    s.byStatus.cancelled,
    s.overdue,
    s.total,
    s.shareDone,
    s.evidenceFiles,
  ];
  const none = tr.t('csv.none');
  return toCsv(
    [
      tr.t('csv.dimension'),
      tr.t('csv.key'),
      statusName('open', tr),
      statusName('in-progress', tr),
      statusName('done', tr),
      statusName('blocked', tr),
      statusName('cancelled', tr),
      tr.t('csv.overdue'),
      tr.t('csv.total'),
      tr.t('csv.shareDone'),
      tr.t('csv.evidenceFiles'),
    ],
    [
      line(tr.t('csv.dimension.total'), '', report.totals),
      ...report.byRecommendation.map((r) =>
        line(tr.t('csv.dimension.recommendation'), r.recommendation?.title ?? none, r),
      ),
      ...report.byObjective.map((r) => line(tr.t('csv.dimension.objective'), objectiveCell(r.objective, tr), r)),
      ...report.byOrganization.map((r) =>
        line(tr.t('csv.dimension.leadOrganization'), r.organization?.name ?? none, r),
      ),
      ...(report.byGroup ?? []).map((r) => line(tr.t('csv.dimension.group'), r.group.name, r)),
    ],
  );
}
