import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../../auth/session.repository';
import { InboundEmail } from './entities/inbound-email.entity';

export type InboundEmailLog = Pick<
  InboundEmail,
  'messageIdHash' | 'userId' | 'threadId' | 'status' | 'reason' | 'postedMessageId'
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
      `INSERT INTO inbound_emails (message_id_hash, user_id, thread_id, status, reason, posted_message_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.messageIdHash, entry.userId, entry.threadId, entry.status, entry.reason, entry.postedMessageId],
    );
  }
}
