import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ActionItemCommentsService } from './action-item-comments.service';
import { ActionItemsController } from './action-items.controller';
import { ActionItemsService } from './action-items.service';
import { RemindersService } from './reminders.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [NotificationsModule],
  controllers: [ActionItemsController, ReportsController],
  providers: [ActionItemsService, ActionItemCommentsService, ReportsService, RemindersService],
  exports: [ActionItemsService, ActionItemCommentsService, RemindersService],
})
export class ActionItemsModule {}
