import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { IdentityProviderDto } from './dto/identity-provider.dto';
import { PutIdentityProviderDto } from './dto/put-identity-provider.dto';
import { IdentityProvidersService } from './identity-providers.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/** The workspace admin's settings of an organization's OpenID Provider. */
@ApiTags('single sign-on')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('organizations/:organizationId/identity-provider')
export class IdentityProvidersController {
  constructor(private readonly providers: IdentityProvidersService) {}

  @Get()
  @ApiErrors(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
  ): Promise<IdentityProviderDto> {
    return this.providers.get(user, organizationId);
  }

  @Put()
  @ApiErrors(404)
  put(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Body() dto: PutIdentityProviderDto,
  ): Promise<IdentityProviderDto> {
    return this.providers.put(user, organizationId, dto);
  }

  @HttpCode(204)
  @Delete()
  @ApiErrors(404)
  remove(@CurrentUser() user: AuthUser, @Param('organizationId', UuidPipe) organizationId: string): Promise<void> {
    return this.providers.remove(user, organizationId);
  }
}
