import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Page, PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { ActionItemCommentsService } from './action-item-comments.service';
import { ActionItemsService } from './action-items.service';
import { ActionChangeDto, ActionCommentDto, ActionItemDto } from './dto/action-item.dto';
import { CreateActionItemDto } from './dto/create-action-item.dto';
import { ListActionItemsQueryDto } from './dto/list-action-items.query.dto';
import { CreateActionCommentDto, UpdateActionItemDto } from './dto/update-action-item.dto';

@ApiTags('action items')
@ApiBearerAuth()
@Controller()
export class ActionItemsController {
  constructor(
    private readonly items: ActionItemsService,
    private readonly comments: ActionItemCommentsService,
  ) {}

  @Get('groups/:groupId/actions')
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: ListActionItemsQueryDto,
  ): Promise<Page<ActionItemDto>> {
    return this.items.list(user, groupId, query);
  }

  @Post('groups/:groupId/actions')
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateActionItemDto,
  ): Promise<ActionItemDto> {
    return this.items.create(user, groupId, dto);
  }

  @Get('me/actions')
  mine(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<ActionItemDto>> {
    return this.items.mine(user, query);
  }

  @Get('actions/:actionId')
  get(@CurrentUser() user: AuthUser, @Param('actionId', UuidPipe) actionId: string): Promise<ActionItemDto> {
    return this.items.get(user, actionId);
  }

  /** Name the version you read in the body or an If-Match header; a stale one gets 409 with the current item. */
  @Patch('actions/:actionId')
  update(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
    @Body() dto: UpdateActionItemDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ActionItemDto> {
    return this.items.update(user, actionId, dto, ifMatch);
  }

  @Get('actions/:actionId/history')
  history(@CurrentUser() user: AuthUser, @Param('actionId', UuidPipe) actionId: string): Promise<ActionChangeDto[]> {
    return this.items.history(user, actionId);
  }

  @Get('actions/:actionId/comments')
  listComments(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
  ): Promise<ActionCommentDto[]> {
    return this.comments.list(user, actionId);
  }

  @Post('actions/:actionId/comments')
  comment(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
    @Body() dto: CreateActionCommentDto,
  ): Promise<ActionCommentDto> {
    return this.comments.create(user, actionId, dto);
  }
}
