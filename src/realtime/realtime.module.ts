import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CatchUpService } from './catch-up.service';
import { ChangeFeedService } from './change-feed.service';
import { EventsController } from './events.controller';
import { IdempotencyService } from './idempotency.service';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeListener } from './realtime.listener';
import { SocketPolicy } from './socket-policy';

@Global()
@Module({
  imports: [AuthModule, NotificationsModule],
  controllers: [EventsController],
  providers: [ChangeFeedService, CatchUpService, IdempotencyService, RealtimeGateway, RealtimeListener, SocketPolicy],
  exports: [ChangeFeedService, IdempotencyService],
})
export class RealtimeModule {}
