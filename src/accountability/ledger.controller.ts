import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { LedgerDto } from './dto/ledger.dto';
import { TimelineDto } from './dto/timeline.dto';
import { LedgerService } from './ledger.service';
import { TimelineService } from './timeline.service';

@ApiTags('progress')
@ApiBearerAuth()
@ApiErrors(401, 403, 404)
@Controller()
export class LedgerController {
  constructor(
    private readonly ledgers: LedgerService,
    private readonly timelines: TimelineService,
  ) {}

  /** Every organization's commitments in the group, by name. */
  @Get('groups/:groupId/ledger')
  group(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<LedgerDto> {
    return this.ledgers.group(user, groupId);
  }

  /** One organization's commitments: its printable page. */
  @Get('groups/:groupId/ledger/:organizationId')
  organization(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Param('organizationId', UuidPipe) organizationId: string,
  ): Promise<LedgerDto> {
    return this.ledgers.organization(user, groupId, organizationId);
  }

  /** A recommendation's chain, oldest first. */
  @Get('threads/:threadId/timeline')
  timeline(@CurrentUser() user: AuthUser, @Param('threadId', UuidPipe) threadId: string): Promise<TimelineDto> {
    return this.timelines.timeline(user, threadId);
  }
}
