import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { CatchUpService } from './catch-up.service';
import { CatchUp } from './change-feed.service';
import { CatchUpQueryDto } from './dto/catch-up.query.dto';

@ApiTags('live delivery')
@ApiBearerAuth()
@Controller('groups/:groupId/events')
export class EventsController {
  constructor(private readonly catchUp: CatchUpService) {}

  /** Events after `after`, in order; `resync: true` when they are no longer kept and the client must reload. */
  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: CatchUpQueryDto,
  ): Promise<CatchUp> {
    return this.catchUp.after(user, groupId, query.after, query.limit);
  }
}
