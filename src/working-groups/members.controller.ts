import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { AddMemberDto } from './dto/add-member.dto';
import { MemberDto, MemberPageDto } from './dto/member.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { MembersService } from './members.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('working groups')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('groups/:groupId')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('members')
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: PageQueryDto,
  ): Promise<MemberPageDto> {
    return this.members.list(user, groupId, query);
  }

  @Post('members')
  @ApiErrors(404, 409)
  add(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: AddMemberDto,
  ): Promise<MemberDto> {
    return this.members.add(user, groupId, dto);
  }

  @Patch('members/:userId')
  @ApiErrors(404, 409)
  changeRole(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Param('userId', UuidPipe) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberDto> {
    return this.members.changeRole(user, groupId, userId, dto.role);
  }

  @HttpCode(204)
  @Delete('members/:userId')
  @ApiErrors(404, 409)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<void> {
    return this.members.remove(user, groupId, userId);
  }

  @HttpCode(204)
  @Post('leave')
  @ApiErrors(404, 409)
  leave(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<void> {
    return this.members.leave(user, groupId);
  }
}
