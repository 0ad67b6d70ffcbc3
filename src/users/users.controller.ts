import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { SetOrganizationDto } from './dto/set-organization.dto';
import { UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/** The workspace admin's management of accounts. */
@ApiTags('users')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('organization-requests')
  organizationRequests(@CurrentUser() admin: AuthUser, @Query() query: PageQueryDto): Promise<UserPageDto> {
    return this.users.organizationRequests(admin, query);
  }

  @Patch(':userId/organization')
  @ApiErrors(404, 409)
  setOrganization(
    @CurrentUser() admin: AuthUser,
    @Param('userId', UuidPipe) userId: string,
    @Body() dto: SetOrganizationDto,
  ): Promise<UserDto> {
    return this.users.setOrganization(admin, userId, dto);
  }
}
