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
import { ThreadsService } from './threads.service';

interface PositionRow {
  user_id: string;
  display_name: string;
  organization_id: string | null;
  organization_name: string | null;
  position: PositionValue;
  reason: string | null;
  updated_at: Date;
}

const zero = () => Object.fromEntries(POSITIONS.map((p) => [p, 0])) as Record<PositionValue, number>;

/**
 * Positions per person, tallied per organization: an organization speaks through its members in the group, each
 * counted for the organization recorded with their position.
 */
export function tally(threadId: string, rows: PositionRow[]): PositionsDto {
  const totals = zero();
  const byOrg = new Map<string, OrganizationTallyDto>();
  for (const row of rows) {
    totals[row.position] += 1;
    const key = row.organization_id ?? '';
    const entry = byOrg.get(key) ?? {
      organization: row.organization_id ? { id: row.organization_id, name: row.organization_name ?? '' } : null,
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
      user: { id: row.user_id, displayName: row.display_name },
      organization: row.organization_id ? { id: row.organization_id, name: row.organization_name ?? '' } : null,
      position: row.position,
      reason: row.reason,
      updatedAt: new Date(row.updated_at).toISOString(),
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
  ) {}

  async positions(user: AuthUser, threadId: string): Promise<PositionsDto> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'thread', id: threadId });
    return this.load(this.db.manager, threadId);
  }

  /** The caller's own position, changeable while the recommendation is open. */
  async setPosition(user: AuthUser, threadId: string, dto: SetPositionDto): Promise<PositionsDto> {
    const groupId = await this.access.requireOn(user, Permission.PositionTake, { kind: 'thread', id: threadId });
    return this.db.transaction(async (tx) => {
      await this.requireOpenRecommendation(tx, threadId);
      await tx.query(
        // The organization the member speaks for as they take (or change) it: a later change of affiliation
        // leaves what was said, and for whom, as it was.
        `INSERT INTO positions (thread_id, user_id, position, reason, organization_id)
         SELECT $1, $2, $3, $4, organization_id FROM users WHERE id = $2
         ON CONFLICT (thread_id, user_id) DO UPDATE SET position = EXCLUDED.position, reason = EXCLUDED.reason,
           organization_id = EXCLUDED.organization_id, updated_at = now()`,
        [threadId, user.id, dto.position, dto.reason ?? null],
      );
      const positions = await this.load(tx, threadId);
      await this.feed.append(tx, groupId, 'position.changed', positions, user.id);
      return positions;
    });
  }

  /** A facilitator closes the recommendation with its outcome; after that, positions and the proposal are final. */
  async close(user: AuthUser, threadId: string, dto: CloseRecommendationDto): Promise<ThreadDto> {
    const groupId = await this.access.requireOn(user, Permission.RecommendationClose, { kind: 'thread', id: threadId });
    return this.db.transaction(async (tx) => {
      await this.requireOpenRecommendation(tx, threadId);
      await tx.query(
        `UPDATE threads SET status = 'closed', outcome = $2, outcome_statement = $3, review_date = $4, closed_at = now(),
                closed_by = $5, last_activity_at = now(), updated_at = now()
          WHERE id = $1`,
        [threadId, dto.outcome, dto.statement, dto.reviewDate ?? null, user.id],
      );
      const thread = await this.threads.load(tx, threadId);
      await this.feed.append(tx, groupId, 'recommendation.closed', thread, user.id);
      return thread;
    });
  }

  private async requireOpenRecommendation(tx: EntityManager, threadId: string): Promise<void> {
    const [row]: { kind: string; status: string }[] = await tx.query(
      'SELECT kind, status FROM threads WHERE id = $1 FOR UPDATE',
      [threadId],
    );
    if (row.kind !== 'recommendation')
      throw new ValidationFailed([{ field: 'threadId', message: 'is a discussion, not a recommendation' }]);
    if (row.status !== 'open') throw new ConflictException('The recommendation is closed');
  }

  private async load(tx: EntityManager, threadId: string): Promise<PositionsDto> {
    const rows: PositionRow[] = await tx.query(
      `SELECT p.user_id, u.display_name, o.id AS organization_id, o.name AS organization_name, p.position, p.reason, p.updated_at
         FROM positions p JOIN users u ON u.id = p.user_id LEFT JOIN organizations o ON o.id = p.organization_id
        WHERE p.thread_id = $1 ORDER BY o.name NULLS LAST, u.display_name, p.user_id`,
      [threadId],
    );
    return tally(threadId, rows);
  }
}
