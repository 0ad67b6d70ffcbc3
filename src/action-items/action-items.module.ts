import { AttachmentPlacesModule } from '../attachments/attachment-places.module';
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ActionItemCommentRepository } from './action-item-comment.repository';
import { ActionItemCommentsService } from './action-item-comments.service';
import { ActionItemRepository } from './action-item.repository';
import { ActionItemsController } from './action-items.controller';
import { ActionItemsService } from './action-items.service';
import { ReminderRepository } from './reminder.repository';
import { RemindersService } from './reminders.service';
import { ReportRepository } from './report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [AttachmentPlacesModule, NotificationsModule],
  controllers: [ActionItemsController, ReportsController],
  providers: [
    ActionItemRepository,
    ActionItemCommentRepository,
    ReminderRepository,
    ReportRepository,
    ActionItemsService,
    ActionItemCommentsService,
    ReportsService,
    RemindersService,
  ],
  exports: [
    ActionItemsService,
    ActionItemCommentsService,
    RemindersService,
    ActionItemRepository,
    ActionItemCommentRepository,
  ],
})
export class ActionItemsModule {}
