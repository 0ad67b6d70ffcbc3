import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Page, PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { SetOrganizationDto } from './dto/set-organization.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

/** The workspace admin's management of accounts. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('organization-requests')
  organizationRequests(@CurrentUser() admin: AuthUser, @Query() query: PageQueryDto): Promise<Page<UserDto>> {
    return this.users.organizationRequests(admin, query);
  }

  @Patch(':userId/organization')
  setOrganization(
    @CurrentUser() admin: AuthUser,
    @Param('userId', UuidPipe) userId: string,
    @Body() dto: SetOrganizationDto,
  ): Promise<UserDto> {
    return this.users.setOrganization(admin, userId, dto);
  }
}
