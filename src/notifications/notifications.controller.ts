import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Page } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { ListNotificationsQueryDto } from './dto/list-notifications.query.dto';
import { MarkNotificationsReadDto } from './dto/mark-read.dto';
import { NotificationPreferenceDto } from './dto/notification-preference.dto';
import { NotificationDto, NotificationPageDto, UnreadCountDto } from './dto/notification.dto';
import { NotificationSettingsDto, UpdateNotificationSettingDto } from './dto/notification-settings.dto';
import { NotificationsService } from './notifications.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOkResponse({ type: NotificationPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<Page<NotificationDto> & { unreadCount: number }> {
    return this.notifications.list(user, query);
  }

  @Get('notifications/unread-count')
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { unreadCount: await this.notifications.unreadCount(user) };
  }

  @HttpCode(200)
  @Post('notifications/read')
  markRead(@CurrentUser() user: AuthUser, @Body() dto: MarkNotificationsReadDto): Promise<UnreadCountDto> {
    return this.notifications.markRead(user, dto);
  }

  /** How each type of notification reaches the reader: off, in the app, by email, in the digest. */
  @Get('me/notification-settings')
  settings(@CurrentUser() user: AuthUser): Promise<NotificationSettingsDto> {
    return this.notifications.settings(user);
  }

  @Put('me/notification-settings')
  setDelivery(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdateNotificationSettingDto,
  ): Promise<NotificationSettingsDto> {
    return this.notifications.setDelivery(user, dto);
  }

  @Get('groups/:groupId/notification-preference')
  @ApiErrors(404)
  preference(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
  ): Promise<NotificationPreferenceDto> {
    return this.notifications.preference(user, groupId);
  }

  @Put('groups/:groupId/notification-preference')
  @ApiErrors(404)
  setPreference(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: NotificationPreferenceDto,
  ): Promise<NotificationPreferenceDto> {
    return this.notifications.setPreference(user, groupId, dto.level);
  }
}
