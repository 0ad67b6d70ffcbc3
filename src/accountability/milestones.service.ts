import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { requireResponsible } from '../action-items/action-item-permissions';
import { ActionItemsService } from '../action-items/action-items.service';
import { ActionItemDto } from '../action-items/dto/action-item.dto';
import { refusal } from '../common/errors/refusal';
import { ChangeFeedService } from '../events/change-feed.service';
import { CreateMilestoneDto, MilestoneDto, toMilestoneDto, UpdateMilestoneDto } from './dto/milestone.dto';
import { MilestoneRepository } from './milestone.repository';

/**
 * Milestones of an action item, kept by those responsible for it or a facilitator. Each change counts the item's
 * milestones again in the same transaction, so its derived progress and its version move with them.
 */
@Injectable()
export class MilestonesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly items: ActionItemsService,
    private readonly milestones: MilestoneRepository,
    private readonly feed: ChangeFeedService,
  ) {}

  async list(user: AuthUser, actionId: string): Promise<MilestoneDto[]> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'action-item', id: actionId });
    return (await this.milestones.list(actionId)).map(toMilestoneDto);
  }

  async create(user: AuthUser, actionId: string, dto: CreateMilestoneDto): Promise<MilestoneDto> {
    return this.db.transaction(async (tx) => {
      const { item, standing } = await this.items.visible(user, actionId, tx);
      requireResponsible(user, standing, item);
      await this.milestones.lockItem(tx, actionId);
      const id = await this.milestones.insert(tx, {
        actionItemId: actionId,
        title: dto.title,
        dueDate: dto.dueDate ?? null,
        createdById: user.id,
      });
      await this.changed(tx, user, item);
      return toMilestoneDto((await this.milestones.find(tx, id))!);
    });
  }

  async update(user: AuthUser, milestoneId: string, dto: UpdateMilestoneDto): Promise<MilestoneDto> {
    return this.db.transaction(async (tx) => {
      const item = await this.writable(tx, user, milestoneId);
      await this.milestones.lockItem(tx, item.id);
      await this.milestones.update(tx, milestoneId, dto, user.id);
      await this.changed(tx, user, item);
      return toMilestoneDto((await this.milestones.find(tx, milestoneId))!);
    });
  }

  async delete(user: AuthUser, milestoneId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const item = await this.writable(tx, user, milestoneId);
      await this.milestones.lockItem(tx, item.id);
      await this.milestones.delete(tx, milestoneId);
      await this.changed(tx, user, item);
    });
  }

  /** A milestone on an item hidden from the user is the same 404 as one that does not exist. */
  private async writable(tx: EntityManager, user: AuthUser, milestoneId: string): Promise<ActionItemDto> {
    const actionId = await this.milestones.itemOf(tx, milestoneId);
    if (!actionId) throw new NotFoundException(refusal('milestone-not-found'));
    const { item, standing } = await this.items.visible(user, actionId, tx).catch((error: unknown) => {
      throw error instanceof NotFoundException ? new NotFoundException(refusal('milestone-not-found')) : error;
    });
    requireResponsible(user, standing, item);
    return item;
  }

  /** The item's counts and version move on; open views hear it as the item. */
  private async changed(tx: EntityManager, user: AuthUser, item: ActionItemDto): Promise<void> {
    await this.milestones.recount(tx, item.id);
    await this.feed.append(tx, item.groupId, 'action.updated', await this.items.load(tx, item.id), user.id);
  }
}
