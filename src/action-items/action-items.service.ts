import { HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AttachmentPlaces } from '../attachments/attachment-places';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { actorOf } from '../audit/audit.service';
import { Page, PageQueryDto } from '../common/pagination';
import { ValidationFailed } from '../common/validation.pipe';
import { isForeignKeyViolation } from '../database/postgres-errors';
import { ChangeFeedService } from '../events/change-feed.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { changesOf, columnsOf, isManaging, parseIfMatch, requireValidStatusChange } from './action-item-changes';
import { GroupStanding, requirePermission, requireResponsible } from './action-item-permissions';
import { ActionItemRepository } from './action-item.repository';
import { ActionChangeDto, ActionItemDto, toActionChangeDto, toActionItemDto } from './dto/action-item.dto';
import { CreateActionItemDto } from './dto/create-action-item.dto';
import { ListActionItemsQueryDto } from './dto/list-action-items.query.dto';
import { UpdateActionItemDto } from './dto/update-action-item.dto';
import { fieldError, refusal } from '../common/errors/refusal';
import { followRecommendation } from '../threads/recommendation.repository';

/**
 * The item as it is now, so the client can show what changed and retry: 409 for a stale `version` in the body, 412
 * (Precondition Failed, naming the header) for a stale If-Match, as HTTP has it for conditional requests.
 */
export class StaleVersion extends HttpException {
  constructor(current: ActionItemDto, sent?: { ifMatch: number }) {
    super(
      sent
        ? {
            ...refusal('if-match-stale', { version: current.version }),
            details: [fieldError('If-Match', 'if-match-stale', { sent: sent.ifMatch, version: current.version })],
            current,
          }
        : { ...refusal('stale-version', { version: current.version }), current },
      sent ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT,
    );
  }
}

@Injectable()
export class ActionItemsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly items: ActionItemRepository,
    private readonly feed: ChangeFeedService,
    private readonly events: DomainEventBus,
    private readonly attachments: AttachmentPlaces,
  ) {}

  async list(user: AuthUser, groupId: string, query: ListActionItemsQueryDto): Promise<Page<ActionItemDto>> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    return this.items.page({ groupId }, query);
  }

  /**
   * Across my groups, the items I have a part in: I am the focal person or my organization leads (I lead), my
   * organization supports (I support), or I created them. The client splits the list by that part.
   */
  async mine(user: AuthUser, query: PageQueryDto): Promise<Page<ActionItemDto>> {
    return this.items.page({ involved: user }, { ...query, sort: 'due' });
  }

  /** A missing item and one in a group hidden from the user are the same 404 (the access query finds the group). */
  async get(user: AuthUser, actionId: string): Promise<ActionItemDto> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'action-item', id: actionId });
    return this.load(this.db.manager, actionId);
  }

  /**
   * Access first: the one access query finds the item's group (a missing item and a hidden one are the same 404);
   * then the item with the user's standing in its group, from which every further permission is decided in memory.
   */
  async visible(
    user: AuthUser,
    actionId: string,
    tx: EntityManager = this.db.manager,
  ): Promise<{ item: ActionItemDto; standing: GroupStanding }> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'action-item', id: actionId }, tx);
    const row = await this.items.findWithStanding(tx, actionId, user.id);
    if (!row) throw new NotFoundException(refusal('action-item-not-found'));
    return { item: toActionItemDto(row), standing: { role: row.role, archived: row.archived } };
  }

  async create(user: AuthUser, groupId: string, dto: CreateActionItemDto): Promise<ActionItemDto> {
    await this.access.require(user, Permission.ActionManage, [groupId]);
    return this.db.transaction(async (tx) => {
      const source =
        dto.sourceType && dto.sourceId ? await this.source(tx, groupId, dto.sourceType, dto.sourceId) : null;
      if (dto.focalPersonId) await this.requireMember(tx, groupId, dto.focalPersonId);
      const id = await this.write('leadOrganizationId', () =>
        this.items.insert(tx, {
          groupId,
          title: dto.title,
          description: dto.description ?? '',
          sourceType: dto.sourceType ?? null,
          sourceId: dto.sourceId ?? null,
          sourceThreadId: source?.threadId ?? null,
          leadOrganizationId: dto.leadOrganizationId ?? null,
          focalPersonId: dto.focalPersonId ?? null,
          dueDate: dto.dueDate ?? null,
          priority: dto.priority ?? 'medium',
          gcmObjectives: dto.objectives ?? source?.objectives ?? [],
          createdById: user.id,
        }),
      );
      await this.write('supportingOrganizationIds', () =>
        this.items.setSupporting(tx, id, dto.supportingOrganizationIds ?? []),
      );
      await this.attachments.claim(tx, user, groupId, dto.attachmentIds ?? [], { place: 'action', actionItemId: id });
      // The focal person of an action on a recommendation follows the recommendation.
      if (source && dto.focalPersonId) await followRecommendation(tx, source.threadId, dto.focalPersonId, 'lead');
      const item = await this.load(tx, id);
      await this.feed.append(tx, groupId, 'action.created', item, user.id);
      return item;
    });
  }

  /**
   * One access query, then one transaction. Optimistic concurrency: the update names the version it read and is
   * applied only if the item is still at it (ActionItemRepository.update); otherwise someone else got there first,
   * and the caller gets 409 with the current item. No update is ever lost.
   */
  async update(user: AuthUser, actionId: string, dto: UpdateActionItemDto, ifMatch?: string): Promise<ActionItemDto> {
    const version = dto.version ?? parseIfMatch(ifMatch);
    if (version === undefined) throw new ValidationFailed([fieldError('version', 'version-required')]);
    // The body's version wins when both are sent (as before If-Match was documented); a stale header is a 412.
    const sent = dto.version === undefined ? { ifMatch: version } : undefined;
    const result = await this.db.transaction(async (tx) => {
      const { item: current, standing } = await this.visible(user, actionId, tx);
      const changes = changesOf(current, dto);
      if (isManaging(changes, dto)) requirePermission(user, standing, Permission.ActionManage);
      else requireResponsible(user, standing, current);
      if (current.version !== version) throw new StaleVersion(current, sent);
      requireValidStatusChange(current, dto);
      const attachmentIds = dto.attachmentIds ?? [];
      // New files change the item: a new version, like any other change.
      if (changes.length === 0 && attachmentIds.length === 0) return { item: current };

      if (dto.focalPersonId) {
        await this.requireMember(tx, current.groupId, dto.focalPersonId);
        if (current.source) await followRecommendation(tx, current.source.threadId, dto.focalPersonId, 'lead');
      }
      const applied = await this.write('leadOrganizationId', () =>
        this.items.update(tx, actionId, version, columnsOf(changes)),
      );
      if (!applied) throw new StaleVersion(await this.load(tx, actionId), sent);
      const supporting = dto.supportingOrganizationIds;
      if (supporting !== undefined)
        await this.write('supportingOrganizationIds', () => this.items.setSupporting(tx, actionId, supporting));
      await this.items.recordChanges(tx, actionId, actorOf(user), changes);
      await this.attachments.claim(tx, user, current.groupId, attachmentIds, {
        place: 'action',
        actionItemId: actionId,
      });
      const item = await this.load(tx, actionId);
      const event = await this.feed.append(tx, current.groupId, 'action.updated', item, user.id);
      const changed = [...changes.map((c) => c.field), ...(attachmentIds.length > 0 ? ['attachments'] : [])];
      return { item, updated: { event, changed, previous: current } };
    });
    if (result.updated) this.events.emit('ActionUpdated', result.updated);
    return result.item;
  }

  async history(user: AuthUser, actionId: string): Promise<ActionChangeDto[]> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'action-item', id: actionId });
    return (await this.items.history(actionId)).map(toActionChangeDto);
  }

  async load(tx: EntityManager, actionId: string): Promise<ActionItemDto> {
    const row = await this.items.find(tx, actionId);
    if (!row) throw new NotFoundException(refusal('action-item-not-found'));
    return toActionItemDto(row);
  }

  private async source(tx: EntityManager, groupId: string, type: 'recommendation' | 'message', id: string) {
    const row = await this.items.source(tx, type, id);
    if (!row || row.groupId !== groupId || (type === 'recommendation' && row.kind !== 'recommendation')) {
      throw new ValidationFailed([
        fieldError('sourceId', type === 'message' ? 'not-a-message-of-group' : 'not-a-recommendation-of-group'),
      ]);
    }
    return { threadId: row.threadId, objectives: row.gcmObjectives.map(Number) };
  }

  private async requireMember(tx: EntityManager, groupId: string, userId: string): Promise<void> {
    if (!(await this.access.role(userId, groupId, tx))) {
      throw new ValidationFailed([fieldError('focalPersonId', 'not-a-group-member')]);
    }
  }

  /** An unknown organization id is the caller's mistake, not a server error. */
  private async write<T>(field: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new ValidationFailed([fieldError(field, 'organization-missing')]);
      throw error;
    }
  }
}
