import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { ProgressRollUpDto } from './dto/progress-report.dto';
import { RollUpService } from './roll-up.service';

@ApiTags('progress')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class ProgressController {
  constructor(private readonly rollUps: RollUpService) {}

  /** A group's progress: claimed and verified, per recommendation (with its actions), objective and organization. */
  @Get('groups/:groupId/progress')
  @ApiErrors(404)
  group(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<ProgressRollUpDto> {
    return this.rollUps.group(user, groupId);
  }

  /** The whole workspace's progress, per group too: the admin only. */
  @Get('progress')
  workspace(@CurrentUser() user: AuthUser): Promise<ProgressRollUpDto> {
    return this.rollUps.workspace(user);
  }
}
