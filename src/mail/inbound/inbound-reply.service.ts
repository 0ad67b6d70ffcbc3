import {
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { ActionItemCommentsService } from '../../action-items/action-item-comments.service';
import { CreateActionCommentDto } from '../../action-items/dto/update-action-item.dto';
import { AuthUser } from '../../auth/auth-user';
import { validatePayload } from '../../common/validate';
import { ValidationFailed } from '../../common/validation.pipe';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DiskSpace } from '../../database/disk-space';
import { CreateMessageDto, MESSAGE_MAX } from '../../threads/dto/create-message.dto';
import { MessageWriteLimit } from '../../threads/message-write-limit';
import { MessagesService } from '../../threads/messages.service';
import { ReplyAddresses, ReplyTarget } from '../reply/reply-addresses';
import { InboundEmailRepository } from './inbound-email.repository';
import { InboundOutcome, InboundReply } from './inbound-reply';
import { automaticReason } from './mail-rules';
import { replyText } from './reply-text';

/** The longest progress note (CreateActionCommentDto.body). */
const ACTION_COMMENT_MAX = 10_000;

type Refusal = Extract<InboundOutcome, { kind: 'refused' }>;
const refusal = (reason: string, code: number, response: string): Refusal => ({
  kind: 'refused',
  reason,
  code,
  response,
});

const REFUSALS = {
  'unknown-key': refusal('unknown-key', 550, '5.1.1 No such reply address'),
  'expired-key': refusal('expired-key', 550, '5.1.1 This reply address has expired: reply to a newer email'),
  'revoked-key': refusal('revoked-key', 550, '5.1.1 This reply address no longer works: reply to a newer email'),
  'sender-mismatch': refusal('sender-mismatch', 550, '5.7.1 Send your reply from the address the email went to'),
  'not-allowed': refusal('not-allowed', 550, '5.7.1 You may not post in this thread'),
  'thread-closed': refusal('thread-closed', 550, '5.7.1 This discussion is closed'),
  empty: refusal('empty', 550, '5.6.0 The reply is empty once the quoted email is removed'),
  'too-long': refusal('too-long', 552, `5.3.4 A reply may be at most ${MESSAGE_MAX} characters`),
  invalid: refusal('invalid', 550, '5.6.0 The reply cannot be posted as it is'),
  'over-budget': refusal('over-budget', 451, '4.7.1 Too many messages: try again later'),
  'disk-full': refusal('disk-full', 452, '4.3.1 Cannot store messages now: try again later'),
} as const;

/**
 * Turns one email sent to a reply address into a message in its thread, as the key's user, through the same
 * MessagesService.post() and per-user budget as a REST or socket send. Every email is logged with what became of it.
 */
@Injectable()
export class InboundReplyService {
  private readonly logger = new Logger(InboundReplyService.name);

  constructor(
    private readonly addresses: ReplyAddresses,
    private readonly emails: InboundEmailRepository,
    private readonly messages: MessagesService,
    private readonly comments: ActionItemCommentsService,
    private readonly writeLimit: MessageWriteLimit,
    private readonly disk: DiskSpace,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(reply: InboundReply): Promise<InboundOutcome> {
    const found = await this.addresses.lookup(reply.key);
    const target = found.target;
    const outcome = await this.decide(reply, found.problem, target);
    await this.record(reply, target, outcome);
    return outcome;
  }

  private async decide(
    reply: InboundReply,
    problem: keyof typeof REFUSALS | null,
    target: ReplyTarget | null,
  ): Promise<InboundOutcome> {
    // Before the key: an automatic message gets no answer of any kind, not even a bounce.
    const automatic = automaticReason(
      reply.headers,
      reply.from.length === 1 ? reply.from[0] : null,
      this.config.mail.from,
    );
    if (automatic) return { kind: 'dropped', reason: automatic };
    if (problem || !target) return REFUSALS[problem ?? 'unknown-key'];
    const user = await this.sender(target.userId);
    if (!user) return REFUSALS['unknown-key'];
    // The key is the secret; From is a second check, so a leaked address alone is not enough to post.
    if (reply.from.length !== 1 || reply.from[0].toLowerCase() !== user.email.toLowerCase()) {
      return REFUSALS['sender-mismatch'];
    }
    if (this.disk.problem()) return REFUSALS['disk-full'];
    // Where REST and socket sends take it: once the sender is known, before the body is looked at.
    const budget = await this.attempt(() => this.writeLimit.take(user));
    if (budget) return budget;
    const body = replyText(reply.text);
    if (body === '') return REFUSALS.empty;
    if (target.actionItemId !== undefined) return this.progressNote(reply, user, target.actionItemId, body);
    let dto: CreateMessageDto;
    try {
      dto = await validatePayload(CreateMessageDto, { body, clientId: `email-${reply.messageIdHash.slice(0, 48)}` });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return body.length > MESSAGE_MAX ? REFUSALS['too-long'] : REFUSALS.invalid;
    }
    let messageId = '';
    const refused = await this.attempt(async () => {
      // A delivery retried with the same Message-ID has the same clientId: post() answers with the first message.
      messageId = (await this.messages.post(user, target.threadId, dto)).message.id;
    });
    return refused ?? { kind: 'posted', messageId };
  }

  /**
   * A reply to an action item's address (a check-in's email): a progress note on the item, through the same
   * ActionItemCommentsService.create() as the app's form, so only those responsible for the item may add one.
   */
  private async progressNote(
    reply: InboundReply,
    user: AuthUser,
    actionItemId: string,
    body: string,
  ): Promise<InboundOutcome> {
    const earlier = await this.emails.postedNote(reply.messageIdHash, actionItemId);
    if (earlier) return { kind: 'posted', messageId: earlier };
    let dto: CreateActionCommentDto;
    try {
      dto = await validatePayload(CreateActionCommentDto, { body, kind: 'progress' });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return body.length > ACTION_COMMENT_MAX ? REFUSALS['too-long'] : REFUSALS.invalid;
    }
    let noteId = '';
    const refused = await this.attempt(async () => {
      noteId = (await this.comments.create(user, actionItemId, dto)).id;
    });
    return refused ?? { kind: 'posted', messageId: noteId };
  }

  /** The refusal for what MessagesService or the budget throws; anything else is the listener's 451. */
  private async attempt(work: () => Promise<void>): Promise<Refusal | null> {
    try {
      await work();
      return null;
    } catch (error) {
      if (error instanceof NotFoundException || error instanceof ForbiddenException) return REFUSALS['not-allowed'];
      if (error instanceof ConflictException) return REFUSALS['thread-closed'];
      if (error instanceof ValidationFailed) return REFUSALS.invalid;
      if (error instanceof HttpException && error.getStatus() === HttpStatus.TOO_MANY_REQUESTS) {
        return REFUSALS['over-budget'];
      }
      if (error instanceof HttpException && error.getStatus() === HttpStatus.SERVICE_UNAVAILABLE) {
        return REFUSALS['disk-full'];
      }
      throw error;
    }
  }

  /** The key's user as a request would carry them. No session: a reply by email is authenticated by its key. */
  private async sender(userId: string): Promise<AuthUser | null> {
    const row = await this.emails.user(userId);
    return row ? { ...row, sessionId: '' } : null;
  }

  private async record(reply: InboundReply, target: ReplyTarget | null, outcome: InboundOutcome): Promise<void> {
    const posted = outcome.kind === 'posted';
    await this.emails.log({
      messageIdHash: reply.messageIdHash,
      userId: target?.userId ?? null,
      threadId: target?.threadId ?? null,
      actionItemId: target?.actionItemId ?? null,
      status: posted ? 'posted' : 'refused',
      reason: posted ? null : outcome.reason,
      postedMessageId: posted ? outcome.messageId : null,
    });
    if (!posted) {
      this.logger.warn(
        `Reply by email ${outcome.kind} (${outcome.reason}): user ${target?.userId ?? '-'}, ${target?.actionItemId ? `action item ${target.actionItemId}` : `thread ${target?.threadId ?? '-'}`}, message-id hash ${reply.messageIdHash.slice(0, 16)}`,
      );
    }
  }
}
