import { AttachmentPlacesModule } from '../attachments/attachment-places.module';
import { Module } from '@nestjs/common';
import { MessageRepository } from './message.repository';
import { MessagesController } from './messages.controller';
import { MessageWriteLimit, MessageWriteLimitGuard } from './message-write-limit';
import { MessagesService } from './messages.service';
import { ReactionRepository } from './reaction.repository';
import { ReactionsService } from './reactions.service';
import { RecommendationRepository } from './recommendation.repository';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';
import { ThreadRepository } from './thread.repository';
import { ThreadsController } from './threads.controller';
import { ThreadsService } from './threads.service';

@Module({
  imports: [AttachmentPlacesModule],
  controllers: [ThreadsController, MessagesController, RecommendationsController, SearchController],
  providers: [
    ThreadsService,
    MessagesService,
    ReactionsService,
    RecommendationsService,
    SearchService,
    MessageWriteLimit,
    MessageWriteLimitGuard,
    ThreadRepository,
    MessageRepository,
    ReactionRepository,
    RecommendationRepository,
    SearchRepository,
  ],
  exports: [ThreadsService, MessagesService, RecommendationsService, MessageWriteLimit],
})
export class ThreadsModule {}
