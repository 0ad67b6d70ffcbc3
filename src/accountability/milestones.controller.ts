import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { CreateMilestoneDto, MilestoneDto, UpdateMilestoneDto } from './dto/milestone.dto';
import { MilestonesService } from './milestones.service';

@ApiTags('progress')
@ApiBearerAuth()
@ApiErrors(401, 403, 404)
@Controller()
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  /** In their order on the item. */
  @Get('actions/:actionId/milestones')
  list(@CurrentUser() user: AuthUser, @Param('actionId', UuidPipe) actionId: string): Promise<MilestoneDto[]> {
    return this.milestones.list(user, actionId);
  }

  @Post('actions/:actionId/milestones')
  @ApiErrors(409)
  create(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
    @Body() dto: CreateMilestoneDto,
  ): Promise<MilestoneDto> {
    return this.milestones.create(user, actionId, dto);
  }

  @Patch('milestones/:milestoneId')
  @ApiErrors(409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('milestoneId', UuidPipe) milestoneId: string,
    @Body() dto: UpdateMilestoneDto,
  ): Promise<MilestoneDto> {
    return this.milestones.update(user, milestoneId, dto);
  }

  @Delete('milestones/:milestoneId')
  @HttpCode(204)
  @ApiErrors(409)
  delete(@CurrentUser() user: AuthUser, @Param('milestoneId', UuidPipe) milestoneId: string): Promise<void> {
    return this.milestones.delete(user, milestoneId);
  }
}
