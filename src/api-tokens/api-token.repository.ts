import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { ApiTokenAccess } from '../auth/api-token-secret';
import type { ApiTokenRow } from './dto/api-token.dto';

const SELECT_ROW = `
  SELECT t.id, t.user_id AS "userId", t.session_id AS "sessionId", t.group_id AS "groupId", t.name, t.access,
         t.created_by AS "createdBy", creator.display_name AS "creatorName", t.created_at AS "createdAt",
         t.last_used_at AS "lastUsedAt", coalesce(t.revoked_at, s.revoked_at) AS "revokedAt",
         ARRAY(SELECT m.group_id FROM memberships m WHERE m.user_id = t.user_id ORDER BY m.group_id)::text[] AS "groupIds"
    FROM api_tokens t
    -- A token's session also ends when the integration logs out with it: that ends the token too.
    JOIN sessions s ON s.id = t.session_id
    LEFT JOIN users creator ON creator.id = t.created_by`;

/**
 * Not a valid argon2 hash: verifyPassword answers false for it, so a service account can never sign in with a
 * password, whatever is tried.
 */
const NO_PASSWORD = '!service-account';

/** Every query on API tokens and their service accounts (authentication reads them in auth/). */
@Injectable()
export class ApiTokenRepository {
  constructor(private readonly db: DataSource) {}

  /** Locks the groups in a fixed order, so two creations over the same groups cannot deadlock. */
  async lockGroups(tx: EntityManager, groupIds: string[]): Promise<void> {
    await tx.query('SELECT id FROM working_groups WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [groupIds]);
  }

  /**
   * The account behind a token: kind `service`, no password, no digest, and an address under the reserved `.invalid`
   * top-level domain (RFC 2606), which no mail can be delivered to; notifications keep it in the app anyway.
   */
  async insertServiceAccount(tx: EntityManager, displayName: string): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO users (email, display_name, password_hash, kind, digest)
       VALUES ($1, $2, $3, 'service', 'off') RETURNING id`,
      [`service-${randomUUID()}@tansiq.invalid`, displayName, NO_PASSWORD],
    );
    return row.id;
  }

  async insertSession(tx: EntityManager, userId: string): Promise<string> {
    const [row]: { id: string }[] = await tx.query('INSERT INTO sessions (user_id) VALUES ($1) RETURNING id', [userId]);
    return row.id;
  }

  async insert(
    tx: EntityManager,
    token: { userId: string; sessionId: string; groupId: string; name: string; access: ApiTokenAccess } & {
      tokenHash: string;
      createdBy: string;
    },
  ): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO api_tokens (user_id, session_id, group_id, name, access, token_hash, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [token.userId, token.sessionId, token.groupId, token.name, token.access, token.tokenHash, token.createdBy],
    );
    return row.id;
  }

  async find(id: string, db: EntityManager = this.db.manager): Promise<ApiTokenRow | undefined> {
    const [row]: ApiTokenRow[] = await db.query(`${SELECT_ROW} WHERE t.id = $1`, [id]);
    return row;
  }

  /** The tokens created from the group or scoped to it, newest first; revoked ones too, for the record. */
  async listForGroup(groupId: string, limit: number): Promise<ApiTokenRow[]> {
    return this.db.query(
      `${SELECT_ROW}
        WHERE t.group_id = $1
           OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = t.user_id AND m.group_id = $1)
        ORDER BY t.created_at DESC, t.id LIMIT $2`,
      [groupId, limit],
    );
  }

  /** True when this call revoked it (a second revocation changes nothing). */
  /** True for the call that revoked it; false when it already was (an UPDATE answers [rows, count] here). */
  async revoke(tx: EntityManager, id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await tx.query(
      'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id],
    );
    return rows.length > 0;
  }
}
