import { Module } from '@nestjs/common';
import { ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { RollUpService } from './roll-up.service';

/** Progress on action items, claims and their verification, roll-ups, the commitment ledger and the timeline. */
@Module({
  controllers: [ProgressController],
  providers: [ProgressRepository, RollUpService],
  exports: [ProgressRepository, RollUpService],
})
export class AccountabilityModule {}
