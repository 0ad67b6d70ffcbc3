import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/action-items.module';
import { AccountabilityModule } from './accountability.module';
import { PublicProgressController } from './public-progress.controller';
import { PublicationRepository } from './publication.repository';
import { PublicationsController } from './publications.controller';
import { PublicationsService } from './publications.service';
import { ProgressWorkbookController } from './progress-workbook.controller';
import { ProgressWorkbookService } from './progress-workbook.service';
import { ProgressImportRepository } from './progress-import.repository';

/** Progress beyond the group: published pages and widgets, and the workbook exported to and imported from ministries. */
@Module({
  imports: [AccountabilityModule, ActionItemsModule],
  controllers: [PublicationsController, PublicProgressController, ProgressWorkbookController],
  providers: [PublicationRepository, PublicationsService, ProgressWorkbookService, ProgressImportRepository],
})
export class PublishingModule {}
