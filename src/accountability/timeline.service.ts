import { Injectable, NotFoundException } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { refusal } from '../common/errors/refusal';
import { TimelineDto } from './dto/timeline.dto';
import { orderTimeline } from './timeline';
import { TimelineRepository } from './timeline.repository';

/** One page per recommendation: proposal, positions, outcome, actions, milestones, claims, decisions, reviews. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly access: AccessService,
    private readonly timelines: TimelineRepository,
  ) {}

  async timeline(user: AuthUser, threadId: string): Promise<TimelineDto> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'thread', id: threadId });
    const recommendation = await this.timelines.recommendation(threadId);
    // A discussion has no chain: the same 404 as a thread that does not exist.
    if (!recommendation || recommendation.kind !== 'recommendation') {
      throw new NotFoundException(refusal('thread-not-found'));
    }
    const rows = await this.timelines.entries(threadId);
    return {
      recommendation: {
        id: recommendation.id,
        groupId: recommendation.groupId,
        title: recommendation.title,
        outcome: recommendation.outcome,
        reviewDate: recommendation.reviewDate,
      },
      entries: orderTimeline(
        rows.map((row) => ({
          at: new Date(row.at).toISOString(),
          kind: row.kind,
          actor: row.actorId ? { id: row.actorId, displayName: row.actorName ?? '' } : null,
          organization: row.organizationId ? { id: row.organizationId, name: row.organizationName ?? '' } : null,
          action: row.actionId ? { id: row.actionId, title: row.actionTitle ?? '' } : null,
          data: evidenceAsNumber(row.data),
        })),
      ),
    };
  }
}

/** jsonb counts arrive as numbers already; kept explicit so a bigint never reaches the client as a string. */
function evidenceAsNumber(data: Record<string, unknown>): Record<string, unknown> {
  return 'evidenceCount' in data ? { ...data, evidenceCount: Number(data.evidenceCount) } : data;
}
