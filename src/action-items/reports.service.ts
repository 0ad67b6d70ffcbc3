import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { toCsv } from './csv';
import { ACTION_SELECT, ActionItemRow, toActionItemDto } from './dto/action-item.dto';
import { ProgressReport } from './dto/progress-report.dto';
export type { ProgressReport };
import { emptySummary, StatusCount, summarize, Summary } from './report-summary';
import { ActionStatus } from './status-transitions';

interface DimensionRow {
  key: string | null;
  label: string | null;
  status: ActionStatus;
  count: string;
  overdue: string;
}

const OVERDUE = `count(*) FILTER (WHERE a.due_date < current_date AND a.status NOT IN ('done', 'cancelled'))`;

/** Progress per recommendation, objective and lead organization, from the action items of one group or all. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async group(user: AuthUser, groupId: string): Promise<ProgressReport> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    return this.build(groupId);
  }

  async workspace(user: AuthUser): Promise<ProgressReport> {
    if (!user.isAdmin) throw new ForbiddenException('Only the workspace admin reads the workspace report');
    return this.build(null);
  }

  /** A group's action items as CSV: UTF-8 with BOM (Arabic opens correctly), formulas neutralised. */
  async exportCsv(user: AuthUser, groupId: string): Promise<string> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const rows: ActionItemRow[] = await this.db.query(
      `${ACTION_SELECT} WHERE a.group_id = $1 ORDER BY a.due_date NULLS LAST, a.id`,
      [groupId],
    );
    const items = rows.map(toActionItemDto);
    return toCsv(
      [
        'id',
        'title',
        'status',
        'status reason',
        'priority',
        'due date',
        'overdue',
        'lead organization',
        'supporting organizations',
        'focal person',
        'objectives',
        'source',
        'description',
        'created at',
        'updated at',
      ],
      items.map((i) => [
        i.id,
        i.title,
        i.status,
        i.statusReason,
        i.priority,
        i.dueDate,
        i.overdue ? 'yes' : 'no',
        i.leadOrganization?.name,
        i.supportingOrganizations.map((o) => o.name),
        i.focalPerson?.displayName,
        i.objectives,
        i.source?.title,
        i.description,
        i.createdAt,
        i.updatedAt,
      ]),
    );
  }

  /** The same figures as a flat CSV table: one row per dimension and key. */
  toCsv(report: ProgressReport): string {
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
    ];
    return toCsv(
      ['dimension', 'key', 'open', 'in-progress', 'done', 'blocked', 'cancelled', 'overdue', 'total', 'share done'],
      [
        line('total', '', report.totals),
        ...report.byRecommendation.map((r) => line('recommendation', r.recommendation?.title ?? '(none)', r)),
        ...report.byObjective.map((r) => line('objective', String(r.objective), r)),
        ...report.byOrganization.map((r) => line('lead organization', r.organization?.name ?? '(none)', r)),
        ...(report.byGroup ?? []).map((r) => line('group', r.group.name, r)),
      ],
    );
  }

  private async build(groupId: string | null): Promise<ProgressReport> {
    const scope = `($1::uuid IS NULL OR a.group_id = $1::uuid)`;
    const dimension = (select: string, from: string, group: string): Promise<DimensionRow[]> =>
      this.db.query(
        `SELECT ${select}, a.status, count(*) AS count, ${OVERDUE} AS overdue FROM action_items a ${from}
          WHERE ${scope} GROUP BY ${group}, a.status ORDER BY 2 NULLS LAST, 1 NULLS LAST`,
        [groupId],
      );
    const [totals, recommendations, objectives, organizations, groups] = await Promise.all([
      dimension(`'all' AS key, NULL AS label`, '', `1`),
      dimension(
        `t.id::text AS key, t.title AS label`,
        `LEFT JOIN threads t ON t.id = a.source_thread_id AND t.kind = 'recommendation'`,
        `t.id, t.title`,
      ),
      dimension(`o::text AS key, NULL AS label`, `CROSS JOIN LATERAL unnest(a.gcm_objectives) AS o`, `o`),
      dimension(
        `lo.id::text AS key, lo.name AS label`,
        `LEFT JOIN organizations lo ON lo.id = a.lead_organization_id`,
        `lo.id, lo.name`,
      ),
      groupId
        ? Promise.resolve([])
        : dimension(`g.id::text AS key, g.name AS label`, `JOIN working_groups g ON g.id = a.group_id`, `g.id, g.name`),
    ]);
    const fold = (rows: DimensionRow[]) => {
      const labels = new Map(rows.map((r) => [r.key ?? '', r.label]));
      const summaries = summarize(
        rows.map((r): StatusCount => ({
          key: r.key ?? '',
          status: r.status,
          count: Number(r.count),
          overdue: Number(r.overdue),
        })),
      );
      return [...summaries].map(([key, summary]) => ({ key, label: labels.get(key) ?? null, summary }));
    };
    const report: ProgressReport = {
      groupId,
      generatedAt: new Date().toISOString(),
      totals: fold(totals)[0]?.summary ?? emptySummary(),
      byRecommendation: fold(recommendations).map((r) => ({
        recommendation: r.key ? { id: r.key, title: r.label ?? '' } : null,
        ...r.summary,
      })),
      byObjective: fold(objectives)
        .map((r) => ({ objective: Number(r.key), ...r.summary }))
        .sort((a, b) => a.objective - b.objective),
      byOrganization: fold(organizations).map((r) => ({
        organization: r.key ? { id: r.key, name: r.label ?? '' } : null,
        ...r.summary,
      })),
    };
    if (!groupId)
      report.byGroup = fold(groups).map((r) => ({ group: { id: r.key, name: r.label ?? '' }, ...r.summary }));
    return report;
  }
}
