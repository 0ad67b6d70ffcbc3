import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { ActionItemCommentRepository } from '../action-items/action-item-comment.repository';
import { allows, GroupStanding, requirePermission, requireResponsible } from '../action-items/action-item-permissions';
import { responsibleFor } from '../action-items/action-item.repository';
import { ActionItemsService } from '../action-items/action-items.service';
import { ActionItemDto, toActionCommentDto } from '../action-items/dto/action-item.dto';
import { AttachmentPlaces } from '../attachments/attachment-places';
import { AuthUser } from '../auth/auth-user';
import { refusal } from '../common/errors/refusal';
import { ChangeFeedService } from '../events/change-feed.service';
import { DomainEventBus } from '../events/domain-event-bus';
import type { FeedEvent } from '../events/events';
import { NotificationsService } from '../notifications/notifications.service';
import { renderMessage } from '../threads/markdown';
import { ClaimHead, ClaimRepository } from './claim.repository';
import { ClaimDto, CreateClaimDto, toClaimDto } from './dto/claim.dto';

/** A claim made in a transaction, with what to announce of it after commit. */
export interface MadeClaim {
  claim: ClaimDto;
  item: ActionItemDto;
  event: FeedEvent<'action.commented'>;
}

/**
 * Progress claimed by those responsible for an item, with a progress note as its evidence, and the decision on
 * it: a facilitator, or a member of the group's verifier organization, verifies it or returns it with a reason.
 * Nobody decides their own claim.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly items: ActionItemsService,
    private readonly comments: ActionItemCommentRepository,
    private readonly claims: ClaimRepository,
    private readonly attachments: AttachmentPlaces,
    private readonly feed: ChangeFeedService,
    private readonly events: DomainEventBus,
    private readonly notifications: NotificationsService,
  ) {}

  async list(user: AuthUser, actionId: string): Promise<ClaimDto[]> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'action-item', id: actionId });
    return (await this.claims.list(actionId)).map(toClaimDto);
  }

  async create(user: AuthUser, actionId: string, dto: CreateClaimDto): Promise<ClaimDto> {
    const made = await this.db.transaction((tx) => this.claimIn(tx, user, actionId, dto));
    this.announce([made]);
    return made.claim;
  }

  /**
   * A claim inside the caller's transaction (one claim, or every row of an imported workbook): the progress note
   * with its files, the pending claim, the item's figures, the feed and the verifiers' notifications. The caller
   * announces what it made once the transaction has committed.
   */
  async claimIn(tx: EntityManager, user: AuthUser, actionId: string, dto: CreateClaimDto): Promise<MadeClaim> {
    const { item: before, standing } = await this.items.visible(user, actionId, tx);
    requireResponsible(user, standing, before);
    await this.claims.lockItem(tx, actionId);
    const noteId = await this.comments.insert(tx, {
      actionItemId: actionId,
      authorId: user.id,
      kind: 'progress',
      body: dto.body,
      bodyHtml: renderMessage(dto.body),
    });
    await this.attachments.claim(tx, user, before.groupId, dto.attachmentIds ?? [], {
      place: 'progress',
      actionItemId: actionId,
      actionItemCommentId: noteId,
    });
    const id = await this.claims.insert(tx, {
      actionItemId: actionId,
      percent: dto.percent,
      noteId,
      claimedById: user.id,
    });
    const note = toActionCommentDto(await this.comments.find(tx, noteId));
    const event = await this.feed.append(tx, before.groupId, 'action.commented', note, user.id);
    const item = await this.items.load(tx, actionId);
    await this.feed.append(tx, item.groupId, 'action.updated', item, user.id);
    const recipients = without(await this.claims.verifiers(tx, item.groupId), user.id);
    await this.notifications.notify(
      recipients,
      {
        type: 'action.claimed',
        groupId: item.groupId,
        subjectType: 'action',
        subjectId: item.id,
        data: { ...(await this.context(tx, user, item)), title: item.title, percent: dto.percent },
      },
      tx,
    );
    return { claim: toClaimDto(await this.claims.find(tx, id)), item, event };
  }

  /** After commit: those responsible hear of each progress note as of any other. */
  announce(made: MadeClaim[]): void {
    for (const { event, item } of made) this.events.emit('ActionCommented', { event, item });
  }

  verify(user: AuthUser, claimId: string): Promise<ClaimDto> {
    return this.decide(user, claimId, 'verified', null);
  }

  return(user: AuthUser, claimId: string, reason: string): Promise<ClaimDto> {
    return this.decide(user, claimId, 'returned', reason);
  }

  private async decide(
    user: AuthUser,
    claimId: string,
    state: 'verified' | 'returned',
    reason: string | null,
  ): Promise<ClaimDto> {
    return this.db.transaction(async (tx) => {
      const actionId = await this.claims.itemOf(tx, claimId);
      if (!actionId) throw new NotFoundException(refusal('claim-not-found'));
      // A claim on an item hidden from the user is the same 404 as one that does not exist.
      const { item: before, standing } = await this.items.visible(user, actionId, tx).catch((error: unknown) => {
        throw error instanceof NotFoundException ? new NotFoundException(refusal('claim-not-found')) : error;
      });
      await this.requireDecider(tx, user, standing, before.groupId);
      await this.claims.lockItem(tx, actionId);
      const claim = await this.claims.lock(tx, claimId);
      if (claim.claimedById === user.id) throw new ForbiddenException(refusal('claim-own-decision'));
      if (claim.state !== 'pending')
        throw new ConflictException(refusal('claim-already-decided', { state: claim.state }));
      await this.claims.decide(tx, claim, { state, decidedById: user.id, reason });
      const item = await this.items.load(tx, actionId);
      await this.feed.append(tx, item.groupId, 'action.updated', item, user.id);
      await this.notifyDecided(tx, user, item, claim, state, reason);
      return toClaimDto(await this.claims.find(tx, claimId));
    });
  }

  /** A facilitator (or the admin), or a member who may write and speaks for the group's verifier organization. */
  private async requireDecider(tx: EntityManager, user: AuthUser, standing: GroupStanding, groupId: string) {
    if (allows(user, standing, Permission.ActionManage)) return;
    requirePermission(user, standing, Permission.ActionComment);
    const verifier = await this.claims.verifierOf(tx, groupId);
    if (verifier === null || user.organizationId !== verifier) {
      throw new ForbiddenException(refusal('claim-verifier-only'));
    }
  }

  private async notifyDecided(
    tx: EntityManager,
    user: AuthUser,
    item: ActionItemDto,
    claim: ClaimHead,
    state: 'verified' | 'returned',
    reason: string | null,
  ): Promise<void> {
    const responsible = await responsibleFor(tx, item);
    const recipients = without([...(claim.claimedById ? [claim.claimedById] : []), ...responsible], user.id);
    await this.notifications.notify(
      recipients,
      {
        type: 'action.claim-decided',
        groupId: item.groupId,
        subjectType: 'action',
        subjectId: item.id,
        data: { ...(await this.context(tx, user, item)), title: item.title, percent: claim.percent, state, reason },
      },
      tx,
    );
  }

  private async context(tx: EntityManager, user: AuthUser, item: ActionItemDto) {
    return { groupName: await this.claims.groupName(tx, item.groupId), actorId: user.id, actorName: user.displayName };
  }
}

function without(ids: string[], excluded: string): string[] {
  return ids.filter((id) => id !== excluded);
}
