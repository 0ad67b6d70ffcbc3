import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ThreadsModule } from '../threads/threads.module';
import { ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';
import { RollUpService } from './roll-up.service';

/** Progress on action items, claims and their verification, roll-ups, the commitment ledger and the timeline. */
@Module({
  imports: [NotificationsModule, ThreadsModule],
  controllers: [ProgressController, ReviewsController],
  providers: [ProgressRepository, RollUpService, ReviewsRepository, ReviewsService],
  exports: [ProgressRepository, RollUpService, ReviewsService],
})
export class AccountabilityModule {}
