import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ActionItemDto } from '../action-items/dto/action-item.dto';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { ClaimsService } from './claims.service';
import { ClaimDto, CreateClaimDto, ReturnClaimDto } from './dto/claim.dto';
import { SetWeightDto } from './dto/weight.dto';
import { WeightsService } from './weights.service';

@ApiTags('progress')
@ApiBearerAuth()
@ApiErrors(401, 403, 404)
@Controller()
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly weights: WeightsService,
  ) {}

  /** Newest first: every claim and its decision. */
  @Get('actions/:actionId/claims')
  list(@CurrentUser() user: AuthUser, @Param('actionId', UuidPipe) actionId: string): Promise<ClaimDto[]> {
    return this.claims.list(user, actionId);
  }

  /** Claims progress with a progress note (its files are the evidence); it waits for verification. */
  @Post('actions/:actionId/claims')
  @ApiErrors(409)
  create(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
    @Body() dto: CreateClaimDto,
  ): Promise<ClaimDto> {
    return this.claims.create(user, actionId, dto);
  }

  /** Takes no body (like archiving a group): the claim is all there is to verify. */
  @Post('claims/:claimId/verify')
  @HttpCode(200)
  @ApiErrors(409)
  verify(@CurrentUser() user: AuthUser, @Param('claimId', UuidPipe) claimId: string): Promise<ClaimDto> {
    return this.claims.verify(user, claimId);
  }

  @Post('claims/:claimId/return')
  @HttpCode(200)
  @ApiErrors(409)
  return(
    @CurrentUser() user: AuthUser,
    @Param('claimId', UuidPipe) claimId: string,
    @Body() dto: ReturnClaimDto,
  ): Promise<ClaimDto> {
    return this.claims.return(user, claimId, dto.reason);
  }

  /** A facilitator's weighting of the item in its recommendation's progress. */
  @Put('actions/:actionId/weight')
  @ApiErrors(409)
  setWeight(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
    @Body() dto: SetWeightDto,
  ): Promise<ActionItemDto> {
    return this.weights.set(user, actionId, dto.weight);
  }
}
