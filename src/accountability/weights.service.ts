import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Permission } from '../access/permission';
import { requirePermission } from '../action-items/action-item-permissions';
import { ActionItemRepository } from '../action-items/action-item.repository';
import { ActionItemsService } from '../action-items/action-items.service';
import { ActionItemDto } from '../action-items/dto/action-item.dto';
import { actorOf } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { ChangeFeedService } from '../events/change-feed.service';
import { ClaimRepository } from './claim.repository';

/** An item's weight in its recommendation's progress: a facilitator's decision, kept in the item's history. */
@Injectable()
export class WeightsService {
  constructor(
    private readonly db: DataSource,
    private readonly items: ActionItemsService,
    private readonly repository: ActionItemRepository,
    private readonly claims: ClaimRepository,
    private readonly feed: ChangeFeedService,
  ) {}

  async set(user: AuthUser, actionId: string, weight: number): Promise<ActionItemDto> {
    return this.db.transaction(async (tx) => {
      const { item: current, standing } = await this.items.visible(user, actionId, tx);
      requirePermission(user, standing, Permission.ActionManage);
      await this.claims.lockItem(tx, actionId);
      const before = (await this.items.load(tx, actionId)).progress.weight;
      if (before === weight) return current;
      await this.claims.setWeight(tx, actionId, weight);
      await this.repository.recordChanges(tx, actionId, actorOf(user), [{ field: 'weight', before, after: weight }]);
      const item = await this.items.load(tx, actionId);
      await this.feed.append(tx, item.groupId, 'action.updated', item, user.id);
      return item;
    });
  }
}
