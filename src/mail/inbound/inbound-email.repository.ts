import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../../auth/session.repository';
import { InboundEmail } from './entities/inbound-email.entity';

export type InboundEmailLog = Pick<
  InboundEmail,
  'messageIdHash' | 'userId' | 'threadId' | 'actionItemId' | 'status' | 'reason' | 'postedMessageId'
>;

/** Every query of the inbound listener: who a reply key's user is now, and the log of what arrived. */
@Injectable()
export class InboundEmailRepository {
  constructor(private readonly db: DataSource) {}

  /** The user as a request would see them (as SessionService.resolve reads them), or undefined when gone. */
  async user(userId: string): Promise<SessionUser | undefined> {
    const [row]: SessionUser[] = await this.db.query(
      `SELECT id, email, display_name AS "displayName", organization_id AS "organizationId",
              is_admin AS "isAdmin", locale
         FROM users WHERE id = $1`,
      [userId],
    );
    return row;
  }

  async log(entry: InboundEmailLog): Promise<void> {
    await this.db.query(
      `INSERT INTO inbound_emails (message_id_hash, user_id, thread_id, action_item_id, status, reason, posted_message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.messageIdHash,
        entry.userId,
        entry.threadId,
        entry.actionItemId,
        entry.status,
        entry.reason,
        entry.postedMessageId,
      ],
    );
  }

  /**
   * The progress note an earlier delivery of the same email (same Message-ID) to the same item became: a relay
   * that retries gets that answer again, and no second note (notes have no client id to make a retry harmless).
   */
  async postedNote(messageIdHash: string, actionItemId: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.db.query(
      `SELECT posted_message_id AS id FROM inbound_emails
        WHERE message_id_hash = $1 AND action_item_id = $2 AND status = 'posted' LIMIT 1`,
      [messageIdHash, actionItemId],
    );
    return row?.id ?? null;
  }
}
