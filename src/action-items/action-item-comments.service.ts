import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AttachmentPlaces } from '../attachments/attachment-places';
import { fieldError } from '../common/errors/refusal';
import { ValidationFailed } from '../common/validation.pipe';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { ChangeFeedService } from '../events/change-feed.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { renderMessage } from '../threads/markdown';
import { ActionItemCommentRepository } from './action-item-comment.repository';
import { requirePermission, requireResponsible } from './action-item-permissions';
import { ActionItemsService } from './action-items.service';
import { ActionCommentDto, toActionCommentDto } from './dto/action-item.dto';
import { CreateActionCommentDto } from './dto/update-action-item.dto';

/** Comments from anyone who may write in the group; progress notes from those responsible for the item. */
@Injectable()
export class ActionItemCommentsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly items: ActionItemsService,
    private readonly comments: ActionItemCommentRepository,
    private readonly feed: ChangeFeedService,
    private readonly events: DomainEventBus,
    private readonly attachments: AttachmentPlaces,
  ) {}

  async list(user: AuthUser, actionId: string): Promise<ActionCommentDto[]> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'action-item', id: actionId });
    return (await this.comments.list(actionId)).map(toActionCommentDto);
  }

  async create(user: AuthUser, actionId: string, dto: CreateActionCommentDto): Promise<ActionCommentDto> {
    const kind = dto.kind ?? 'comment';
    const attachmentIds = dto.attachmentIds ?? [];
    // Files are evidence: they go on progress notes, from those responsible for the item.
    if (attachmentIds.length > 0 && kind !== 'progress') {
      throw new ValidationFailed([fieldError('attachmentIds', 'invalid-value')]);
    }
    const { item, comment, event } = await this.db.transaction(async (tx) => {
      const { item, standing } = await this.items.visible(user, actionId, tx);
      if (kind === 'progress') requireResponsible(user, standing, item);
      else requirePermission(user, standing, Permission.ActionComment);
      const id = await this.comments.insert(tx, {
        actionItemId: actionId,
        authorId: user.id,
        kind,
        body: dto.body,
        bodyHtml: renderMessage(dto.body),
      });
      await this.attachments.claim(tx, user, item.groupId, attachmentIds, {
        place: 'progress',
        actionItemId: actionId,
        actionItemCommentId: id,
      });
      const comment = toActionCommentDto(await this.comments.find(tx, id));
      // Evidence changes the item's evidence count: lists and reports hear it as the item, at the same version.
      if (attachmentIds.length > 0) {
        await this.feed.append(tx, item.groupId, 'action.updated', await this.items.load(tx, actionId), user.id);
      }
      return { item, comment, event: await this.feed.append(tx, item.groupId, 'action.commented', comment, user.id) };
    });
    this.events.emit('ActionCommented', { event, item });
    return comment;
  }
}
