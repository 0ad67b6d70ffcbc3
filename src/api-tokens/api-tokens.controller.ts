import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('api tokens')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post('groups/:groupId/api-tokens')
  @ApiErrors(404, 409)
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateApiTokenDto,
  ): Promise<CreatedApiTokenDto> {
    return this.tokens.create(user, groupId, dto);
  }

  @Get('groups/:groupId/api-tokens')
  @ApiErrors(404)
  list(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<ApiTokenDto[]> {
    return this.tokens.list(user, groupId);
  }

  @Delete('api-tokens/:tokenId')
  @ApiErrors(404, 409)
  revoke(@CurrentUser() user: AuthUser, @Param('tokenId', UuidPipe) tokenId: string): Promise<ApiTokenDto> {
    return this.tokens.revoke(user, tokenId);
  }
}
