import { Global, Module } from '@nestjs/common';
import { ChangeFeedService } from './change-feed.service';

@Global()
@Module({ providers: [ChangeFeedService], exports: [ChangeFeedService] })
export class RealtimeModule {}
