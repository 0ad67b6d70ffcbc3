import { Global, Module } from '@nestjs/common';
import { EmailOutbox } from '../jobs/email-outbox';
import { DigestService } from './digest.service';
import { EmailComposer } from './email-composer';
import { EmailSender } from './email-sender.service';
import { InboundMailModule } from './inbound/inbound-mail.module';
import { MailAdminController } from './mail-admin.controller';
import { MailAdminService } from './mail-admin.service';
import { MailOutbox } from './mail-outbox';
import { MailRepository } from './mail.repository';
import { MailTransport } from './mail-transport';
import { UnsubscribeController } from './unsubscribe.controller';

/**
 * Email, the edge that reaches people away from the app: the outbox features write to (EmailOutbox), the job that
 * renders and sends each email, the digest, one-click unsubscribe, the admin's view, and replies by email.
 */
@Global()
@Module({
  imports: [InboundMailModule],
  controllers: [UnsubscribeController, MailAdminController],
  providers: [
    MailRepository,
    MailTransport,
    MailOutbox,
    { provide: EmailOutbox, useExisting: MailOutbox },
    EmailComposer,
    EmailSender,
    DigestService,
    MailAdminService,
  ],
  exports: [EmailOutbox],
})
export class MailModule {}
