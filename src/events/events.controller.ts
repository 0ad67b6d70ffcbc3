import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { CatchUpService } from './catch-up.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { CatchUpDto, FEED_EVENT_DTOS } from './dto/catch-up.dto';
import { CatchUpQueryDto } from './dto/catch-up.query.dto';

@ApiTags('live delivery')
@ApiBearerAuth()
@ApiErrors(401, 403)
@ApiExtraModels(...FEED_EVENT_DTOS)
@Controller('groups/:groupId/events')
export class EventsController {
  constructor(private readonly catchUp: CatchUpService) {}

  /** Events after `after`, in order; `resync: true` when they are no longer kept and the client must reload. */
  @Get()
  @ApiOkResponse({ type: CatchUpDto })
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: CatchUpQueryDto,
  ): Promise<CatchUpDto> {
    return this.catchUp.after(user, groupId, query.after, query.limit);
  }
}
