import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { ValidationFailed } from '../common/validation.pipe';
import { ChangeFeedService } from '../events/change-feed.service';
import { CloseRecommendationDto, OrganizationTallyDto, PositionsDto, SetPositionDto } from './dto/position.dto';
import { ThreadDto } from './dto/thread.dto';
import { POSITIONS, PositionValue } from './entities/position.entity';
import { followRecommendation, PositionRecord, RecommendationRepository } from './recommendation.repository';
import { ThreadsService } from './threads.service';
import { fieldError, refusal } from '../common/errors/refusal';

const zero = () => Object.fromEntries(POSITIONS.map((p) => [p, 0])) as Record<PositionValue, number>;

/**
 * Positions per person, tallied per organization: an organization speaks through its members in the group, each
 * counted for the organization recorded with their position.
 */
export function tally(threadId: string, rows: PositionRecord[]): PositionsDto {
  const totals = zero();
  const byOrg = new Map<string, OrganizationTallyDto>();
  for (const row of rows) {
    totals[row.position] += 1;
    const key = row.organizationId ?? '';
    const entry = byOrg.get(key) ?? {
      organization: row.organizationId ? { id: row.organizationId, name: row.organizationName ?? '' } : null,
      counts: zero(),
      position: row.position,
    };
    entry.counts[row.position] += 1;
    if (entry.position !== row.position) entry.position = 'divided';
    byOrg.set(key, entry);
  }
  return {
    threadId,
    positions: rows.map((row) => ({
      user: { id: row.userId, displayName: row.displayName },
      organization: row.organizationId ? { id: row.organizationId, name: row.organizationName ?? '' } : null,
      position: row.position,
      reason: row.reason,
      updatedAt: new Date(row.updatedAt).toISOString(),
    })),
    byOrganization: [...byOrg.values()].sort((a, b) =>
      (a.organization?.name ?? '\uffff').localeCompare(b.organization?.name ?? '\uffff'),
    ),
    totals,
  };
}

@Injectable()
export class RecommendationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly feed: ChangeFeedService,
    private readonly threads: ThreadsService,
    private readonly recommendations: RecommendationRepository,
  ) {}

  async positions(user: AuthUser, threadId: string): Promise<PositionsDto> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'thread', id: threadId });
    return tally(threadId, await this.recommendations.positions(this.db.manager, threadId));
  }

  /** The caller's own position, changeable while the recommendation is open or under review. */
  async setPosition(user: AuthUser, threadId: string, dto: SetPositionDto): Promise<PositionsDto> {
    const groupId = await this.access.requireOn(user, Permission.PositionTake, { kind: 'thread', id: threadId });
    return this.db.transaction(async (tx) => {
      await this.requireOpenRecommendation(tx, threadId, 'or-under-review');
      await this.recommendations.setPosition(tx, threadId, user.id, dto.position, dto.reason ?? null);
      // Endorsers follow the recommendation from the moment they endorse it, and keep following after a change.
      if (dto.position === 'endorse' || dto.position === 'endorse-with-reservations')
        await followRecommendation(tx, threadId, user.id, 'position');
      const positions = tally(threadId, await this.recommendations.positions(tx, threadId));
      await this.feed.append(tx, groupId, 'position.changed', positions, user.id);
      return positions;
    });
  }

  /** A facilitator closes the recommendation with its outcome; after that, positions and the proposal are final. */
  async close(user: AuthUser, threadId: string, dto: CloseRecommendationDto): Promise<ThreadDto> {
    const groupId = await this.access.requireOn(user, Permission.RecommendationClose, { kind: 'thread', id: threadId });
    return this.db.transaction(async (tx) => {
      await this.requireOpenRecommendation(tx, threadId);
      await this.recommendations.close(tx, threadId, {
        outcome: dto.outcome,
        statement: dto.statement,
        reviewDate: dto.reviewDate ?? null,
        closedById: user.id,
      });
      const thread = await this.threads.load(tx, threadId);
      await this.feed.append(tx, groupId, 'recommendation.closed', thread, user.id);
      return thread;
    });
  }

  private async requireOpenRecommendation(
    tx: EntityManager,
    threadId: string,
    allow?: 'or-under-review',
  ): Promise<void> {
    const row = await this.recommendations.lock(tx, threadId);
    if (row.kind !== 'recommendation') throw new ValidationFailed([fieldError('threadId', 'not-a-recommendation')]);
    if (row.status === 'open') return;
    // A review (on the outcome's review date) asks each organization to restate its position: while its discussion
    // is open, positions on the closed recommendation may change again; the outcome itself stays as decided.
    if (allow === 'or-under-review' && (await this.recommendations.underReview(tx, threadId))) return;
    throw new ConflictException(refusal('recommendation-closed'));
  }
}
