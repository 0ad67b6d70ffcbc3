import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/action-items.module';
import { AttachmentPlacesModule } from '../attachments/attachment-places.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ThreadsModule } from '../threads/threads.module';
import { CheckInRepository } from './check-in.repository';
import { CheckInsController } from './check-ins.controller';
import { CheckInsService } from './check-ins.service';
import { ClaimRepository } from './claim.repository';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';
import { LedgerController } from './ledger.controller';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { MilestoneRepository } from './milestone.repository';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';
import { ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';
import { RollUpService } from './roll-up.service';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';
import { WeightsService } from './weights.service';

/**
 * Progress on action items, claims and their verification, roll-ups, the commitment ledger, the timeline, reviews
 * on review dates and recurring check-ins.
 */
@Module({
  imports: [ActionItemsModule, AttachmentPlacesModule, NotificationsModule, ThreadsModule],
  controllers: [
    ProgressController,
    MilestonesController,
    ClaimsController,
    LedgerController,
    ReviewsController,
    CheckInsController,
  ],
  providers: [
    ProgressRepository,
    RollUpService,
    MilestoneRepository,
    MilestonesService,
    ClaimRepository,
    ClaimsService,
    WeightsService,
    LedgerRepository,
    LedgerService,
    TimelineRepository,
    TimelineService,
    ReviewsRepository,
    ReviewsService,
    CheckInRepository,
    CheckInsService,
  ],
  exports: [ProgressRepository, RollUpService, ClaimsService, ReviewsService, CheckInsService],
})
export class AccountabilityModule {}
