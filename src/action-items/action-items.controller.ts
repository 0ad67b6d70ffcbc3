import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { etagOf } from './action-item-changes';
import { ActionItemCommentsService } from './action-item-comments.service';
import { ActionItemsService } from './action-items.service';
import { ActionChangeDto, ActionCommentDto, ActionItemDto, ActionItemPageDto } from './dto/action-item.dto';
import { CreateActionItemDto } from './dto/create-action-item.dto';
import { ListActionItemsQueryDto } from './dto/list-action-items.query.dto';
import { CreateActionCommentDto, UpdateActionItemDto } from './dto/update-action-item.dto';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/** The item's version as its ETag: send it back as If-Match to update it. */
const ETAG = {
  ETag: {
    description: 'The item’s version, strong and quoted ("3"): send it as If-Match',
    schema: { type: 'string' as const },
  },
};

@ApiTags('action items')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class ActionItemsController {
  constructor(
    private readonly items: ActionItemsService,
    private readonly comments: ActionItemCommentsService,
  ) {}

  @Get('groups/:groupId/actions')
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: ListActionItemsQueryDto,
  ): Promise<ActionItemPageDto> {
    return this.items.list(user, groupId, query);
  }

  @Post('groups/:groupId/actions')
  @ApiCreatedResponse({ type: ActionItemDto, headers: ETAG })
  @ApiErrors(404, 409)
  async create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateActionItemDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ActionItemDto> {
    const item = await this.items.create(user, groupId, dto);
    void res.header('ETag', etagOf(item));
    return item;
  }

  @Get('me/actions')
  mine(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<ActionItemPageDto> {
    return this.items.mine(user, query);
  }

  @Get('actions/:actionId')
  @ApiOkResponse({ type: ActionItemDto, headers: ETAG })
  @ApiErrors(404)
  async get(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ActionItemDto> {
    const item = await this.items.get(user, actionId);
    void res.header('ETag', etagOf(item));
    return item;
  }

  /**
   * Name the version you read: the ETag as If-Match (a stale one gets 412), or `version` in the body (a stale one
   * gets 409); both answers carry the current item.
   */
  @Patch('actions/:actionId')
  @ApiHeader({
    name: 'if-match',
    required: false,
    description: 'The ETag of the item as read (or `version` in the body)',
  })
  @ApiOkResponse({ type: ActionItemDto, headers: ETAG })
  @ApiErrors(404, 409, 412)
  async update(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
    @Body() dto: UpdateActionItemDto,
    @Res({ passthrough: true }) res: FastifyReply,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ActionItemDto> {
    const item = await this.items.update(user, actionId, dto, ifMatch);
    void res.header('ETag', etagOf(item));
    return item;
  }

  @Get('actions/:actionId/history')
  @ApiErrors(404)
  history(@CurrentUser() user: AuthUser, @Param('actionId', UuidPipe) actionId: string): Promise<ActionChangeDto[]> {
    return this.items.history(user, actionId);
  }

  @Get('actions/:actionId/comments')
  @ApiErrors(404)
  listComments(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
  ): Promise<ActionCommentDto[]> {
    return this.comments.list(user, actionId);
  }

  @Post('actions/:actionId/comments')
  @ApiErrors(404, 409)
  comment(
    @CurrentUser() user: AuthUser,
    @Param('actionId', UuidPipe) actionId: string,
    @Body() dto: CreateActionCommentDto,
  ): Promise<ActionCommentDto> {
    return this.comments.create(user, actionId, dto);
  }
}
