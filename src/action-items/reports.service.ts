import { ForbiddenException, Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import type { Locale } from '../users/entities/user.entity';
import { actionItemsCsv, progressReportCsv } from './csv-exports';
import { csvTranslator } from './csv-translator';
import { ActionItemRepository } from './action-item.repository';
import { toActionItemDto } from './dto/action-item.dto';
import { ProgressReport } from './dto/progress-report.dto';
import { refusal } from '../common/errors/refusal';
export type { ProgressReport };
import { DimensionCount, ReportPeriod, ReportRepository } from './report.repository';

const OPEN: ReportPeriod = { from: null, to: null };
import { emptySummary, StatusCount, summarize } from './report-summary';

/** Progress per recommendation, objective and lead organization, from the action items of one group or all. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly access: AccessService,
    private readonly items: ActionItemRepository,
    private readonly reports: ReportRepository,
  ) {}

  async group(user: AuthUser, groupId: string, period: ReportPeriod = OPEN): Promise<ProgressReport> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    return this.build(groupId, period);
  }

  async workspace(user: AuthUser, period: ReportPeriod = OPEN): Promise<ProgressReport> {
    if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
    return this.build(null, period);
  }

  /** A group's action items as CSV in a language: UTF-8 with BOM (Arabic opens correctly), formulas neutralised. */
  async exportCsv(user: AuthUser, groupId: string, locale: Locale): Promise<string> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const items = (await this.items.allInGroup(groupId)).map(toActionItemDto);
    return actionItemsCsv(items, csvTranslator(locale));
  }

  /** The same figures as a flat CSV table in a language: one row per dimension and key. */
  toCsv(report: ProgressReport, locale: Locale): string {
    return progressReportCsv(report, csvTranslator(locale));
  }

  private async build(groupId: string | null, period: ReportPeriod): Promise<ProgressReport> {
    const [{ totals, recommendations, objectives, organizations, groups }, narrative] = await Promise.all([
      this.reports.counts(groupId, period),
      this.reports.narrative(groupId, period),
    ]);
    const fold = (rows: DimensionCount[]) => {
      const labels = new Map(rows.map((r) => [r.key ?? '', r.label]));
      const summaries = summarize(
        rows.map((r): StatusCount => ({
          key: r.key ?? '',
          status: r.status,
          count: Number(r.count),
          overdue: Number(r.overdue),
          evidence: Number(r.evidence),
        })),
      );
      return [...summaries].map(([key, summary]) => ({ key, label: labels.get(key) ?? null, summary }));
    };
    const report: ProgressReport = {
      groupId,
      generatedAt: new Date().toISOString(),
      period: { from: period.from, to: period.to },
      narrative: narrative.map((row) => ({
        action: { id: row.actionId, title: row.title, status: row.status },
        group: { id: row.groupId, name: row.groupName },
        note: { body: row.body, at: new Date(row.at).toISOString(), author: row.authorName },
      })),
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
