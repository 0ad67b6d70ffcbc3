import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { CheckInsService } from './check-ins.service';
import { CheckInDto, CreateCheckInDto } from './dto/check-in.dto';

@ApiTags('progress')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class CheckInsController {
  constructor(private readonly checkIns: CheckInsService) {}

  @Get('groups/:groupId/check-ins')
  @ApiOkResponse({ type: [CheckInDto] })
  @ApiErrors(404)
  list(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<CheckInDto[]> {
    return this.checkIns.list(user, groupId);
  }

  /** A facilitator schedules a recurring check-in of one action item or of every open item an organization leads. */
  @Post('groups/:groupId/check-ins')
  @ApiCreatedResponse({ type: CheckInDto })
  @ApiErrors(400, 404, 409)
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateCheckInDto,
  ): Promise<CheckInDto> {
    return this.checkIns.create(user, groupId, dto);
  }

  @Delete('check-ins/:checkInId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('checkInId', UuidPipe) checkInId: string): Promise<void> {
    return this.checkIns.remove(user, checkInId);
  }
}
