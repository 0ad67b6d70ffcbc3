import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ThreadsModule } from '../threads/threads.module';
import { CheckInRepository } from './check-in.repository';
import { CheckInsController } from './check-ins.controller';
import { CheckInsService } from './check-ins.service';
import { ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';
import { RollUpService } from './roll-up.service';

/** Progress on action items, claims and their verification, roll-ups, the commitment ledger and the timeline. */
@Module({
  imports: [NotificationsModule, ThreadsModule],
  controllers: [ProgressController, ReviewsController, CheckInsController],
  providers: [ProgressRepository, RollUpService, ReviewsRepository, ReviewsService, CheckInRepository, CheckInsService],
  exports: [ProgressRepository, RollUpService, ReviewsService, CheckInsService],
})
export class AccountabilityModule {}
