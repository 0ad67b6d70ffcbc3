import { ApiProperty } from '@nestjs/swagger';
import type { AttachmentDto } from '../../attachments/dto/attachment.dto';
import { placedAttachments } from '../../attachments/attachment-places';
import type { AttachmentRow } from '../../attachments/attachment-places.repository';
import type { ActionItemChange } from '../entities/action-item-change.entity';
import type { ActionItemComment } from '../entities/action-item-comment.entity';
import type { ActionItem, Priority, SourceType } from '../entities/action-item.entity';
import { ActionStatus } from '../status-transitions';
import { claimedProgress, verifiedProgress } from '../../accountability/progress';
import { PageOf } from '../../common/openapi/page.dto';

export class NamedRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  displayName: string;
}

export class ActionSourceDto {
  type: SourceType;
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  threadId: string;
  /** The title of the source's thread. */
  title: string;
}

/** How far an item has got: as claimed by those responsible and as verified (accountability/progress.ts). */
export class ActionProgressDto {
  /** Percent, 0–100; null for a cancelled item. */
  @ApiProperty({ type: 'integer', nullable: true }) claimed: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) verified: number | null;
  /** Where `claimed` comes from: a claim, the milestones done, or the status's default. */
  basis: 'claim' | 'milestones' | 'status';
  /** A claim waits for a facilitator or the verifier organization. */
  claimPending: boolean;
  /** Its weight in its recommendation's progress (0–100, 1 unless a facilitator changed it). */
  @ApiProperty({ type: 'integer' }) weight: number;
  @ApiProperty({ type: 'integer' }) milestonesDone: number;
  @ApiProperty({ type: 'integer' }) milestonesTotal: number;
}

export class ActionItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  groupId: string;
  title: string;
  description: string;
  source: ActionSourceDto | null;
  leadOrganization: NamedRefDto | null;
  supportingOrganizations: NamedRefDto[];
  focalPerson: PersonRefDto | null;
  /** YYYY-MM-DD. */
  @ApiProperty({ format: 'date', type: String, nullable: true })
  dueDate: string | null;
  priority: Priority;
  objectives: number[];
  status: ActionStatus;
  statusReason: string | null;
  version: number;
  /** Past its due date and neither done nor cancelled. */
  overdue: boolean;
  /** Files on the item itself, in the order they were uploaded. */
  attachments: AttachmentDto[];
  /** Files that evidence it: its own and its progress notes'. */
  evidenceCount: number;
  progress: ActionProgressDto;
  createdBy: PersonRefDto | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class ActionItemPageDto extends PageOf(ActionItemDto) {}

/** The columns of action_items, as the entity declares them (its relations left out). */
export type ActionItemColumns = Omit<ActionItem, 'group' | 'leadOrganization' | 'focalPerson'>;

/** A read of action_items as ActionItemRepository selects it: the entity's columns, the names joined in. */
export type ActionItemView = ActionItemColumns & {
  sourceTitle: string | null;
  leadOrganizationName: string | null;
  supporting: NamedRefDto[] | null;
  focalPersonName: string | null;
  createdByName: string | null;
  overdue: boolean;
  attachments: AttachmentRow[] | null;
  /** A bigint count: a string. */
  evidenceCount: string;
  claimPending: boolean;
};

export function toActionItemDto(row: ActionItemView): ActionItemDto {
  return {
    id: row.id,
    groupId: row.groupId,
    title: row.title,
    description: row.description,
    source:
      row.sourceType && row.sourceId
        ? {
            type: row.sourceType,
            id: row.sourceId,
            threadId: row.sourceThreadId ?? row.sourceId,
            title: row.sourceTitle ?? '',
          }
        : null,
    leadOrganization: row.leadOrganizationId
      ? { id: row.leadOrganizationId, name: row.leadOrganizationName ?? '' }
      : null,
    supportingOrganizations: row.supporting ?? [],
    focalPerson: row.focalPersonId ? { id: row.focalPersonId, displayName: row.focalPersonName ?? '' } : null,
    dueDate: row.dueDate,
    priority: row.priority,
    objectives: [...row.gcmObjectives].map(Number).sort((a, b) => a - b),
    status: row.status,
    statusReason: row.statusReason,
    version: Number(row.version),
    overdue: Boolean(row.overdue),
    attachments: placedAttachments(row.attachments),
    evidenceCount: Number(row.evidenceCount ?? 0),
    progress: toActionProgressDto(row),
    createdBy: row.createdById ? { id: row.createdById, displayName: row.createdByName ?? '' } : null,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export function toActionProgressDto(
  row: Pick<
    ActionItemView,
    'status' | 'progress' | 'verifiedProgress' | 'weight' | 'milestonesDone' | 'milestonesTotal'
  > & {
    claimPending?: boolean;
  },
): ActionProgressDto {
  const source = {
    status: row.status,
    progress: row.progress === null ? null : Number(row.progress),
    verifiedProgress: row.verifiedProgress === null ? null : Number(row.verifiedProgress),
    milestonesDone: Number(row.milestonesDone ?? 0),
    milestonesTotal: Number(row.milestonesTotal ?? 0),
  };
  return {
    claimed: claimedProgress(source),
    verified: verifiedProgress(source),
    basis:
      source.status === 'done' || source.status === 'cancelled'
        ? 'status'
        : source.progress !== null
          ? 'claim'
          : source.milestonesTotal > 0
            ? 'milestones'
            : 'status',
    claimPending: Boolean(row.claimPending),
    weight: Number(row.weight ?? 1),
    milestonesDone: source.milestonesDone,
    milestonesTotal: source.milestonesTotal,
  };
}

export class ActionChangeDto {
  field: string;
  before: unknown;
  after: unknown;
  actor: PersonRefDto | null;
  /** The API token the change was made with (the actor is then its service account). */
  apiToken: { id: string; name: string } | null;
  at: string;
}

/** A read of action_item_changes with the actor's name as it is now. */
export type ActionChangeView = Pick<
  ActionItemChange,
  'field' | 'before' | 'after' | 'actorId' | 'apiTokenId' | 'createdAt'
> & {
  actorName: string | null;
  apiTokenName: string | null;
};

export function toActionChangeDto(row: ActionChangeView): ActionChangeDto {
  return {
    field: row.field,
    before: row.before,
    after: row.after,
    actor: row.actorId ? { id: row.actorId, displayName: row.actorName ?? '' } : null,
    apiToken: row.apiTokenId ? { id: row.apiTokenId, name: row.apiTokenName ?? '' } : null,
    at: new Date(row.createdAt).toISOString(),
  };
}

export class ActionCommentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  actionItemId: string;
  kind: 'comment' | 'progress';
  body: string;
  bodyHtml: string;
  author: PersonRefDto | null;
  /** The organization the author spoke for when writing it. */
  organization: NamedRefDto | null;
  /** A progress note's files (its evidence), in the order they were uploaded. */
  attachments: AttachmentDto[];
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** A read of action_item_comments as ActionItemCommentRepository selects it: the entity's columns, names joined in. */
export type ActionCommentView = Pick<
  ActionItemComment,
  'id' | 'actionItemId' | 'kind' | 'body' | 'bodyHtml' | 'authorId' | 'organizationId' | 'createdAt'
> & {
  authorName: string | null;
  organizationName: string | null;
  attachments: AttachmentRow[] | null;
};

export function toActionCommentDto(row: ActionCommentView): ActionCommentDto {
  return {
    id: row.id,
    actionItemId: row.actionItemId,
    kind: row.kind,
    body: row.body,
    bodyHtml: row.bodyHtml,
    author: row.authorId ? { id: row.authorId, displayName: row.authorName ?? '' } : null,
    organization: row.organizationId ? { id: row.organizationId, name: row.organizationName ?? '' } : null,
    attachments: placedAttachments(row.attachments),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
