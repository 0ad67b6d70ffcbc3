import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { CloseRecommendationDto, PositionsDto, SetPositionDto } from './dto/position.dto';
import { ThreadDto } from './dto/thread.dto';
import { RecommendationsService } from './recommendations.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('recommendations')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('threads/:threadId')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get('positions')
  @ApiErrors(404)
  positions(@CurrentUser() user: AuthUser, @Param('threadId', UuidPipe) threadId: string): Promise<PositionsDto> {
    return this.recommendations.positions(user, threadId);
  }

  /** The caller's own position. */
  @Put('positions')
  @ApiErrors(404, 409)
  setPosition(
    @CurrentUser() user: AuthUser,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: SetPositionDto,
  ): Promise<PositionsDto> {
    return this.recommendations.setPosition(user, threadId, dto);
  }

  @HttpCode(200)
  @Post('outcome')
  @ApiErrors(404, 409)
  close(
    @CurrentUser() user: AuthUser,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: CloseRecommendationDto,
  ): Promise<ThreadDto> {
    return this.recommendations.close(user, threadId, dto);
  }
}
