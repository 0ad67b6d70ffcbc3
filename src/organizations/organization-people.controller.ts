import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { OrganizationPersonDto, OrganizationPersonPageDto } from './dto/organization-people.dto';
import { OrganizationPeopleService } from './organization-people.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/** An organization's people, for its admins and the workspace admin. */
@ApiTags('organizations')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('organizations/:organizationId')
export class OrganizationPeopleController {
  constructor(private readonly people: OrganizationPeopleService) {}

  @Get('members')
  @ApiErrors(404)
  members(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Query() query: PageQueryDto,
  ): Promise<OrganizationPersonPageDto> {
    return this.people.list(user, organizationId, 'members', query);
  }

  @Get('requests')
  @ApiErrors(404)
  requests(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Query() query: PageQueryDto,
  ): Promise<OrganizationPersonPageDto> {
    return this.people.list(user, organizationId, 'requests', query);
  }

  @HttpCode(200)
  @Post('requests/:userId/approve')
  @ApiErrors(404, 409)
  approve(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.approve(user, organizationId, userId);
  }

  @Delete('requests/:userId')
  @ApiErrors(404)
  decline(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.decline(user, organizationId, userId);
  }

  @Delete('members/:userId')
  @ApiErrors(404)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.remove(user, organizationId, userId);
  }

  @Put('admins/:userId')
  @ApiErrors(404, 409)
  appointAdmin(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.appointAdmin(user, organizationId, userId);
  }

  @Delete('admins/:userId')
  @ApiErrors(404)
  dismissAdmin(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<OrganizationPersonDto> {
    return this.people.dismissAdmin(user, organizationId, userId);
  }
}
