import { Injectable, NotFoundException } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { refusal } from '../common/errors/refusal';
import { LedgerDto } from './dto/ledger.dto';
import { ledger } from './ledger';
import { LedgerRepository } from './ledger.repository';
import { claimedProgress, verifiedProgress } from './progress';
import { ProgressRepository } from './progress.repository';

const ADOPTED = ['adopted', 'adopted-with-changes'];

/** The commitment ledger of a group: readers see every organization's, or one organization's. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly access: AccessService,
    private readonly progress: ProgressRepository,
    private readonly repository: LedgerRepository,
  ) {}

  async group(user: AuthUser, groupId: string): Promise<LedgerDto> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    return this.build(groupId);
  }

  async organization(user: AuthUser, groupId: string, organizationId: string): Promise<LedgerDto> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const all = await this.build(groupId);
    const organizations = all.organizations.filter((entry) => entry.organization.id === organizationId);
    if (organizations.length === 0) throw new NotFoundException(refusal('organization-not-found'));
    return { ...all, organizations };
  }

  private async build(groupId: string): Promise<LedgerDto> {
    const [recommendations, rows, positions] = await Promise.all([
      this.progress.recommendations(groupId),
      this.progress.items(groupId),
      this.repository.positions(groupId),
    ]);
    const items = rows.map((row) => ({
      id: row.id,
      recommendationId: row.recommendationId,
      leadOrganizationId: row.leadOrganizationId,
      supportingOrganizationIds: row.supportingOrganizationIds,
      weight: row.weight,
      claimed: claimedProgress(row),
      verified: verifiedProgress(row),
    }));
    const ids = new Set<string>(positions.map((p) => p.organizationId));
    for (const item of items) {
      if (item.leadOrganizationId) ids.add(item.leadOrganizationId);
      item.supportingOrganizationIds.forEach((id) => ids.add(id));
    }
    const organizations = await this.repository.organizations([...ids]);
    const names = new Map(organizations.map((o) => [o.id, o.name]));
    const adopted = recommendations.filter((r) => r.outcome && ADOPTED.includes(r.outcome)).map((r) => r.id);
    const entries = ledger(
      organizations.map((o) => o.id),
      adopted,
      positions,
      items,
    );
    return {
      groupId,
      generatedAt: new Date().toISOString(),
      recommendations: recommendations.map((r) => ({ id: r.id, title: r.title, outcome: r.outcome })),
      actions: rows.map((row, i) => ({
        id: row.id,
        title: row.title,
        status: row.status,
        recommendationId: row.recommendationId,
        leadOrganization: row.leadOrganizationId
          ? { id: row.leadOrganizationId, name: row.leadOrganizationName ?? '' }
          : null,
        claimed: items[i].claimed,
        verified: items[i].verified,
      })),
      organizations: entries.map((entry) => ({
        organization: { id: entry.organizationId, name: names.get(entry.organizationId) ?? '' },
        positions: entry.positions,
        leads: entry.leads,
        supports: entry.supports,
        delivered: entry.delivered,
        contradictions: entry.contradictions,
      })),
    };
  }
}
