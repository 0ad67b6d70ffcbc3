import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { CreateGroupDto } from './dto/create-group.dto';
import { GroupPageDto, MyGroupDto } from './dto/group.dto';
import { UpdateGroupDto } from './dto/update-group.dto';
import { WorkingGroupsService } from './working-groups.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('working groups')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('groups')
export class WorkingGroupsController {
  constructor(private readonly groups: WorkingGroupsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<GroupPageDto> {
    return this.groups.list(user, query);
  }

  @Post()
  @ApiErrors(409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateGroupDto): Promise<MyGroupDto> {
    return this.groups.create(user, dto);
  }

  @Get(':groupId')
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<MyGroupDto> {
    return this.groups.get(user, groupId);
  }

  @Patch(':groupId')
  @ApiErrors(404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: UpdateGroupDto,
  ): Promise<MyGroupDto> {
    return this.groups.update(user, groupId, dto);
  }

  @HttpCode(200)
  @Post(':groupId/archive')
  @ApiErrors(404, 409)
  archive(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<MyGroupDto> {
    return this.groups.setArchived(user, groupId, true);
  }

  @HttpCode(200)
  @Post(':groupId/unarchive')
  @ApiErrors(404, 409)
  unarchive(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<MyGroupDto> {
    return this.groups.setArchived(user, groupId, false);
  }
}
