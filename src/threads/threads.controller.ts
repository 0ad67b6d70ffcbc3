import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { CreateThreadDto } from './dto/create-thread.dto';
import { ThreadDto, ThreadPageDto, ThreadReadDto } from './dto/thread.dto';
import { MarkThreadReadDto, UpdateThreadDto } from './dto/update-thread.dto';
import { ThreadsService } from './threads.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('threads')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get('groups/:groupId/threads')
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: PageQueryDto,
  ): Promise<ThreadPageDto> {
    return this.threads.list(user, groupId, query);
  }

  @Post('groups/:groupId/threads')
  @ApiErrors(404, 409)
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateThreadDto,
  ): Promise<ThreadDto> {
    return this.threads.create(user, groupId, dto);
  }

  @Get('threads/:threadId')
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('threadId', UuidPipe) threadId: string): Promise<ThreadDto> {
    return this.threads.get(user, threadId);
  }

  @Patch('threads/:threadId')
  @ApiErrors(404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: UpdateThreadDto,
  ): Promise<ThreadDto> {
    return this.threads.update(user, threadId, dto);
  }

  @Put('threads/:threadId/read')
  @ApiErrors(404, 409)
  markRead(
    @CurrentUser() user: AuthUser,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: MarkThreadReadDto,
  ): Promise<ThreadReadDto> {
    return this.threads.markRead(user, threadId, dto);
  }
}
