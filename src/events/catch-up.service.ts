import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { CatchUp, ChangeFeedService } from './change-feed.service';

/** Catch-up for REST and socket alike: membership checked, then the feed after the client's cursor. */
@Injectable()
export class CatchUpService {
  constructor(
    private readonly access: AccessService,
    private readonly feed: ChangeFeedService,
  ) {}

  async after(user: AuthUser, groupId: string, after: number, limit = 500): Promise<CatchUp> {
    await this.access.require(user, Permission.EventRead, [groupId]);
    return this.feed.after(groupId, after, limit);
  }
}
