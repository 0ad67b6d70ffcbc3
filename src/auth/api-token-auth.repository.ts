import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { ApiTokenAccess } from './api-token-secret';
import type { SessionUser } from './session.repository';

/** A live token with its service account, as every request made with it reads them. */
export type ApiTokenUser = SessionUser & {
  tokenId: string;
  access: ApiTokenAccess;
  sessionId: string;
  lastUsedAt: Date | null;
};

/** The queries that authenticate a request made with an API token. */
@Injectable()
export class ApiTokenAuthRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One query per request, prepared: the account, only while neither the token nor its session is revoked and the
   * account is not deactivated.
   */
  async liveTokenUser(tokenHash: string): Promise<ApiTokenUser | undefined> {
    const [row] = await preparedQuery<ApiTokenUser>(
      this.db.manager,
      'tansiq.live-api-token-user',
      `SELECT u.id, u.email, u.display_name AS "displayName", u.organization_id AS "organizationId",
              u.is_admin AS "isAdmin", u.locale, t.id AS "tokenId", t.access, t.session_id AS "sessionId",
              t.last_used_at AS "lastUsedAt"
         FROM api_tokens t
         JOIN sessions s ON s.id = t.session_id AND s.revoked_at IS NULL
         JOIN users u ON u.id = t.user_id AND u.kind = 'service' AND u.deactivated_at IS NULL
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [tokenHash],
    );
    return row;
  }

  /** Conditional, so concurrent requests of one token write it once a minute at most. */
  async touch(tokenId: string): Promise<void> {
    await this.db.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [tokenId],
    );
  }
}
