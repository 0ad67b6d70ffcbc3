import { Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { actorOf, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { refusal } from '../common/errors/refusal';
import type { ProgressRollUpDto } from './dto/progress-report.dto';
import {
  PublicationDto,
  PublicationStateDto,
  PublishedIndexEntryDto,
  PublishedProgressDto,
} from './dto/publication.dto';
import { PublishDto } from './dto/publish.dto';
import type { PublicationVisibility } from './entities/publication.entity';
import { PublicationRepository, PublicationRow } from './publication.repository';
import { RollUpService } from './roll-up.service';

/** Tokens are base64url of 32 random bytes: 43 characters. Anything else is not one (no query for it). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A group's published progress page: facilitators publish and withdraw it (audited); anyone may read it. */
@Injectable()
export class PublicationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly publications: PublicationRepository,
    private readonly rollUps: RollUpService,
  ) {}

  async get(user: AuthUser, groupId: string): Promise<PublicationStateDto> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const row = await this.publications.ofGroup(groupId);
    return { publication: row ? toPublicationDto(row) : null };
  }

  /** The first publish makes the address; changing the visibility keeps it (links already shared go on working). */
  async publish(user: AuthUser, groupId: string, dto: PublishDto): Promise<PublicationDto> {
    await this.access.require(user, Permission.GroupUpdate, [groupId]);
    return this.db.transaction(async (tx) => {
      const before = await this.publications.lock(tx, groupId);
      if (before?.visibility === dto.visibility) return toPublicationDto(before);
      if (before) await this.publications.setVisibility(tx, groupId, dto.visibility);
      else {
        const token = randomBytes(32).toString('base64url');
        await this.publications.insert(tx, { groupId, token, visibility: dto.visibility, publishedById: user.id });
      }
      await this.audit.record(tx, {
        groupId,
        ...actorOf(user),
        action: before ? 'publication.changed' : 'publication.published',
        before: before ? { visibility: before.visibility } : null,
        after: { visibility: dto.visibility },
      });
      return toPublicationDto((await this.publications.ofGroup(groupId, tx))!);
    });
  }

  /** The token goes with the row: the old address answers 404 from now on. Withdrawing twice changes nothing. */
  async withdraw(user: AuthUser, groupId: string): Promise<void> {
    await this.access.require(user, Permission.GroupUpdate, [groupId]);
    await this.db.transaction(async (tx) => {
      const before = await this.publications.lock(tx, groupId);
      if (!before || !(await this.publications.delete(tx, groupId))) return;
      await this.audit.record(tx, {
        groupId,
        ...actorOf(user),
        action: 'publication.withdrawn',
        before: { visibility: before.visibility },
        after: null,
      });
    });
  }

  /** No sign-in: the token is the permission. Unknown and withdrawn tokens are the same 404. */
  async published(token: string): Promise<PublishedProgressDto> {
    const row = await this.byToken(token);
    return toPublishedProgressDto(row.groupName, row.visibility, await this.rollUps.build(row.groupId));
  }

  async publishedRow(
    token: string,
  ): Promise<{ groupName: string; visibility: PublicationVisibility; overall: PublishedProgressDto['overall'] }> {
    const row = await this.byToken(token);
    const { overall } = await this.rollUps.build(row.groupId);
    return { groupName: row.groupName, visibility: row.visibility, overall };
  }

  /** The public index: groups published as `public`, never the unlisted ones. */
  async index(): Promise<PublishedIndexEntryDto[]> {
    const rows = await this.publications.listPublic();
    return Promise.all(
      rows.map(async (row) => ({
        token: row.token,
        groupName: row.groupName,
        overall: (await this.rollUps.build(row.groupId)).overall,
      })),
    );
  }

  private async byToken(token: string): Promise<PublicationRow> {
    const row = TOKEN.test(token) ? await this.publications.byToken(token) : undefined;
    if (!row) throw new NotFoundException(refusal('publication-not-found'));
    return row;
  }
}

export function toPublicationDto(row: PublicationRow): PublicationDto {
  return {
    visibility: row.visibility,
    token: row.token,
    path: `/p/${row.token}`,
    widgetPath: `/p/${row.token}/widget`,
    publishedAt: new Date(row.publishedAt).toISOString(),
    publishedBy: row.publishedById ? { id: row.publishedById, displayName: row.publishedByName ?? '' } : null,
  };
}

/**
 * What a published page shows of a roll-up: figures, titles and organization names, picked field by field (never
 * spread), so a field added to the roll-up later (a person, an id) does not leak onto public pages.
 */
export function toPublishedProgressDto(
  groupName: string,
  visibility: PublicationVisibility,
  rollUp: ProgressRollUpDto,
): PublishedProgressDto {
  return {
    group: { name: groupName },
    visibility,
    generatedAt: rollUp.generatedAt,
    overall: { claimed: rollUp.overall.claimed, verified: rollUp.overall.verified },
    recommendations: rollUp.recommendations.map((r) => ({
      title: r.title,
      outcome: r.outcome,
      objectives: r.objectives,
      claimed: r.claimed,
      verified: r.verified,
      actions: r.actions.map((a) => ({
        title: a.title,
        status: a.status,
        leadOrganization: a.leadOrganization?.name ?? null,
        claimed: a.claimed,
        verified: a.verified,
        overdue: a.overdue,
      })),
    })),
    objectives: rollUp.objectives.map((o) => ({
      objective: o.objective,
      recommendations: o.recommendations,
      claimed: o.claimed,
      verified: o.verified,
    })),
    organizations: rollUp.organizations.map((o) => ({
      name: o.name,
      actions: o.actions,
      claimed: o.claimed,
      verified: o.verified,
    })),
  };
}
