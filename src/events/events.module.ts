import { Global, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { CatchUpService } from './catch-up.service';
import { ChangeFeedService } from './change-feed.service';
import { DomainEventBus } from './domain-event-bus';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { IdempotencyService } from './idempotency.service';

/**
 * The core every feature may import: the typed domain-event bus, the per-group change feed (appended inside the
 * writing transaction, read back for catch-up) and idempotency. Nothing here imports realtime/ (the edge).
 */
@Global()
@Module({
  imports: [EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false })],
  controllers: [EventsController],
  providers: [DomainEventBus, ChangeFeedService, CatchUpService, IdempotencyService, EventsRepository],
  exports: [DomainEventBus, ChangeFeedService, CatchUpService, IdempotencyService],
})
export class EventsModule {}
