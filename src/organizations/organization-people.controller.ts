import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Page, PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { OrganizationPersonDto } from './dto/organization-people.dto';
import { OrganizationPeopleService } from './organization-people.service';

/** An organization's people, for its admins and the workspace admin. */
@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations/:organizationId')
export class OrganizationPeopleController {
  constructor(private readonly people: OrganizationPeopleService) {}

  @Get('members')
  members(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<OrganizationPersonDto>> {
    return this.people.list(user, organizationId, 'members', query);
  }

  @Get('requests')
  requests(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<OrganizationPersonDto>> {
    return this.people.list(user, organizationId, 'requests', query);
  }

  @HttpCode(200)
  @Post('requests/:userId/approve')
  approve(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.approve(user, organizationId, userId);
  }

  @Delete('requests/:userId')
  decline(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.decline(user, organizationId, userId);
  }

  @Delete('members/:userId')
  remove(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.remove(user, organizationId, userId);
  }

  @Put('admins/:userId')
  appointAdmin(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.appointAdmin(user, organizationId, userId);
  }

  @Delete('admins/:userId')
  dismissAdmin(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.dismissAdmin(user, organizationId, userId);
  }
}
