import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { CreateMessageDto, ToggleReactionDto, UpdateMessageDto } from './dto/create-message.dto';
import { ListMessagesQueryDto } from './dto/list-messages.query.dto';
import { MessageDto, MessagePageDto, MessageVersionDto, ReactionsChangedDto } from './dto/message.dto';
import { MessageWriteLimitGuard } from './message-write-limit';
import { MessagesService, PostedMessage } from './messages.service';
import { ReactionsService } from './reactions.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('messages')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly reactions: ReactionsService,
  ) {}

  @Get('threads/:threadId/messages')
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('threadId', UuidPipe) threadId: string,
    @Query() query: ListMessagesQueryDto,
  ): Promise<MessagePageDto> {
    return this.messages.list(user, threadId, query);
  }

  /** Shares the per-user message budget with socket sends. */
  @Post('threads/:threadId/messages')
  @UseGuards(MessageWriteLimitGuard)
  @ApiErrors(404, 409, 429)
  post(
    @CurrentUser() user: AuthUser,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: CreateMessageDto,
  ): Promise<PostedMessage> {
    return this.messages.post(user, threadId, dto);
  }

  @Patch('messages/:messageId')
  @ApiErrors(404, 409)
  edit(
    @CurrentUser() user: AuthUser,
    @Param('messageId', UuidPipe) messageId: string,
    @Body() dto: UpdateMessageDto,
  ): Promise<MessageDto> {
    return this.messages.edit(user, messageId, dto.body);
  }

  @Delete('messages/:messageId')
  @ApiErrors(404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('messageId', UuidPipe) messageId: string): Promise<MessageDto> {
    return this.messages.remove(user, messageId);
  }

  @Get('messages/:messageId/history')
  @ApiErrors(404)
  history(
    @CurrentUser() user: AuthUser,
    @Param('messageId', UuidPipe) messageId: string,
  ): Promise<MessageVersionDto[]> {
    return this.messages.history(user, messageId);
  }

  @HttpCode(200)
  @Post('messages/:messageId/reactions')
  @ApiErrors(404, 409)
  react(
    @CurrentUser() user: AuthUser,
    @Param('messageId', UuidPipe) messageId: string,
    @Body() dto: ToggleReactionDto,
  ): Promise<ReactionsChangedDto> {
    return this.reactions.toggle(user, messageId, dto.emoji);
  }
}
