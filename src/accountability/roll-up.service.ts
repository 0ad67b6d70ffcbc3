import { ForbiddenException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { refusal } from '../common/errors/refusal';
import { FiguresDto, ProgressRollUpDto } from './dto/progress-report.dto';
import { claimedProgress, verifiedProgress } from './progress';
import { ProgressItemRow, ProgressRepository } from './progress.repository';
import { rollUp } from './roll-up';

const NONE: FiguresDto = { claimed: null, verified: null };

/** Progress rolled up from action items to recommendations, objectives, lead organizations, groups, workspace. */
@Injectable()
export class RollUpService {
  constructor(
    private readonly access: AccessService,
    private readonly progress: ProgressRepository,
  ) {}

  async group(user: AuthUser, groupId: string): Promise<ProgressRollUpDto> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    return this.build(groupId);
  }

  async workspace(user: AuthUser): Promise<ProgressRollUpDto> {
    if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
    return this.build(null);
  }

  /** Without an access check: for callers that made their own (a published page, a review, an export). */
  async build(groupId: string | null, db?: EntityManager): Promise<ProgressRollUpDto> {
    // A transaction is one client that runs one query at a time: its queries go one after the other.
    const [recommendations, rows, groups] = db
      ? [
          await this.progress.recommendations(groupId, db),
          await this.progress.items(groupId, db),
          await this.progress.groups(groupId),
        ]
      : await Promise.all([
          this.progress.recommendations(groupId),
          this.progress.items(groupId),
          this.progress.groups(groupId),
        ]);
    const items = rows.map((row) => ({ row, claimed: claimedProgress(row), verified: verifiedProgress(row) }));
    const result = rollUp(
      recommendations,
      items.map(({ row, claimed, verified }) => ({
        id: row.id,
        recommendationId: row.recommendationId,
        groupId: row.groupId,
        leadOrganizationId: row.leadOrganizationId,
        weight: row.weight,
        claimed,
        verified,
      })),
    );
    const actionsOf = new Map<string, typeof items>();
    for (const item of items) {
      if (!item.row.recommendationId) continue;
      actionsOf.set(item.row.recommendationId, [...(actionsOf.get(item.row.recommendationId) ?? []), item]);
    }
    const organizations = new Map<string, { name: string; actions: number }>();
    for (const { row } of items) {
      if (!row.leadOrganizationId) continue;
      const known = organizations.get(row.leadOrganizationId) ?? { name: row.leadOrganizationName ?? '', actions: 0 };
      organizations.set(row.leadOrganizationId, { ...known, actions: known.actions + 1 });
    }
    return {
      groupId,
      generatedAt: new Date().toISOString(),
      overall: groupId ? (result.groups.get(groupId) ?? NONE) : result.workspace,
      recommendations: recommendations.map((r) => ({
        id: r.id,
        groupId: r.groupId,
        title: r.title,
        outcome: r.outcome,
        objectives: r.objectives.map(Number).sort((a, b) => a - b),
        ...result.recommendations.get(r.id)!,
        actions: (actionsOf.get(r.id) ?? []).map(({ row, claimed, verified }) =>
          toRollUpAction(row, claimed, verified),
        ),
      })),
      objectives: [...result.objectives].map(([objective, figures]) => ({
        objective,
        recommendations: recommendations.filter((r) => r.objectives.map(Number).includes(objective)).length,
        ...figures,
      })),
      organizations: [...result.organizations]
        .map(([id, figures]) => ({ id, ...organizations.get(id)!, ...figures }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      groups: groupId ? [] : groups.map((g) => ({ id: g.id, name: g.name, ...(result.groups.get(g.id) ?? NONE) })),
    };
  }
}

function toRollUpAction(row: ProgressItemRow, claimed: number | null, verified: number | null) {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    weight: row.weight,
    leadOrganization: row.leadOrganizationId
      ? { id: row.leadOrganizationId, name: row.leadOrganizationName ?? '' }
      : null,
    claimPending: row.claimPending,
    evidenceCount: Number(row.evidenceCount),
    overdue: row.overdue,
    claimed,
    verified,
  };
}
