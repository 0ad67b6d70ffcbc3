import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvents } from '../../events/events';
import { ReplyAddresses } from './reply-addresses';

/**
 * Session revocations that mean "someone else may have had this account" (a reused refresh token, every session at
 * once) and a password change (with or without other sessions to end) also end the reply addresses in emails
 * already sent: whoever could read the mailbox or the account may have kept them. A plain logout does not: it ends
 * one device, not the mailbox.
 */
const REVOKES_REPLY_KEYS = new Set(['password-changed', 'refresh-reuse']);

@Injectable()
export class ReplyRevocationListener {
  private readonly logger = new Logger(ReplyRevocationListener.name);

  constructor(private readonly addresses: ReplyAddresses) {}

  @OnEvent('SessionRevoked')
  async onSessionRevoked({ userId, sessionId, reason }: DomainEvents['SessionRevoked']): Promise<void> {
    if (sessionId !== null && !REVOKES_REPLY_KEYS.has(reason)) return;
    await this.safely(() => this.addresses.revokeAll(userId));
  }

  @OnEvent('PasswordChanged')
  async onPasswordChanged({ userId }: DomainEvents['PasswordChanged']): Promise<void> {
    await this.safely(() => this.addresses.revokeAll(userId));
  }

  /** Membership is checked again when a reply arrives; revoking as well means a later re-join needs a new email. */
  @OnEvent('FeedAppended')
  async onFeedAppended(event: DomainEvents['FeedAppended']): Promise<void> {
    if (event.type !== 'member.removed') return;
    const { userId } = event.data;
    await this.safely(() => this.addresses.revokeInGroup(userId, event.groupId));
  }

  private async safely(revoke: () => Promise<void>): Promise<void> {
    try {
      await revoke();
    } catch (error) {
      // After the commit that caused it: nothing to roll back, so it is logged for an operator to repeat.
      this.logger.error(`Revoking reply keys failed: ${(error as Error).message}`);
    }
  }
}
