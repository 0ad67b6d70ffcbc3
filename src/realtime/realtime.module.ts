import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ThreadsModule } from '../threads/threads.module';
import { MessagesGateway } from './messages.gateway';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeListener } from './realtime.listener';
import { SocketPolicy } from './socket-policy';

/** The edge: sockets in and out. It imports features and events/; nothing imports it. */
@Module({
  imports: [AuthModule, NotificationsModule, ThreadsModule],
  providers: [RealtimeGateway, MessagesGateway, RealtimeListener, SocketPolicy],
})
export class RealtimeModule {}
