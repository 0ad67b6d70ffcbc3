import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Page, PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { AddMemberDto } from './dto/add-member.dto';
import { MemberDto } from './dto/member.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { MembersService } from './members.service';

@ApiTags('working groups')
@ApiBearerAuth()
@Controller('groups/:groupId')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('members')
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<MemberDto>> {
    return this.members.list(user, groupId, query);
  }

  @Post('members')
  add(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: AddMemberDto,
  ): Promise<MemberDto> {
    return this.members.add(user, groupId, dto);
  }

  @Patch('members/:userId')
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
  remove(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<void> {
    return this.members.remove(user, groupId, userId);
  }

  @HttpCode(204)
  @Post('leave')
  leave(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<void> {
    return this.members.leave(user, groupId);
  }
}
