import { ForbiddenException, Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { toCsv } from './csv';
import { ActionItemRepository } from './action-item.repository';
import { toActionItemDto } from './dto/action-item.dto';
import { ProgressReport } from './dto/progress-report.dto';
import { refusal } from '../common/errors/refusal';
export type { ProgressReport };
import { DimensionCount, ReportRepository } from './report.repository';
import { emptySummary, StatusCount, summarize, Summary } from './report-summary';

/** Progress per recommendation, objective and lead organization, from the action items of one group or all. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly access: AccessService,
    private readonly items: ActionItemRepository,
    private readonly reports: ReportRepository,
  ) {}

  async group(user: AuthUser, groupId: string): Promise<ProgressReport> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    return this.build(groupId);
  }

  async workspace(user: AuthUser): Promise<ProgressReport> {
    if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
    return this.build(null);
  }

  /** A group's action items as CSV: UTF-8 with BOM (Arabic opens correctly), formulas neutralised. */
  async exportCsv(user: AuthUser, groupId: string): Promise<string> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const items = (await this.items.allInGroup(groupId)).map(toActionItemDto);
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
    const { totals, recommendations, objectives, organizations, groups } = await this.reports.counts(groupId);
    const fold = (rows: DimensionCount[]) => {
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
