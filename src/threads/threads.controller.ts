import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Page, PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { CreateThreadDto } from './dto/create-thread.dto';
import { MyThreadDto, ThreadDto } from './dto/thread.dto';
import { MarkThreadReadDto, UpdateThreadDto } from './dto/update-thread.dto';
import { ThreadsService } from './threads.service';

@ApiTags('threads')
@ApiBearerAuth()
@Controller()
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get('groups/:groupId/threads')
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<MyThreadDto>> {
    return this.threads.list(user, groupId, query);
  }

  @Post('groups/:groupId/threads')
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateThreadDto,
  ): Promise<ThreadDto> {
    return this.threads.create(user, groupId, dto);
  }

  @Get('threads/:threadId')
  get(@CurrentUser() user: AuthUser, @Param('threadId', UuidPipe) threadId: string): Promise<ThreadDto> {
    return this.threads.get(user, threadId);
  }

  @Patch('threads/:threadId')
  update(
    @CurrentUser() user: AuthUser,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: UpdateThreadDto,
  ): Promise<ThreadDto> {
    return this.threads.update(user, threadId, dto);
  }

  @Put('threads/:threadId/read')
  markRead(
    @CurrentUser() user: AuthUser,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: MarkThreadReadDto,
  ): Promise<{ unreadCount: number }> {
    return this.threads.markRead(user, threadId, dto);
  }
}
