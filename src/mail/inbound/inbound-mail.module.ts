import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../../action-items/action-items.module';
import { ThreadsModule } from '../../threads/threads.module';
import { ReplyAddresses } from '../reply/reply-addresses';
import { ReplyKeyRepository } from '../reply/reply-key.repository';
import { ReplyRevocationListener } from '../reply/reply-revocation.listener';
import { InboundEmailRepository } from './inbound-email.repository';
import { InboundReplyService } from './inbound-reply.service';
import { InboundSmtpListener } from './inbound-smtp.listener';

/**
 * Replies by email: the reply addresses that outgoing emails carry (ReplyAddresses, exported for the sender) and
 * the SMTP listener that posts replies to them. The listener starts only when INBOUND_SMTP_PORT is set.
 */
@Module({
  imports: [ThreadsModule, ActionItemsModule],
  providers: [
    ReplyAddresses,
    ReplyKeyRepository,
    ReplyRevocationListener,
    InboundEmailRepository,
    InboundReplyService,
    InboundSmtpListener,
  ],
  exports: [ReplyAddresses],
})
export class InboundMailModule {}
