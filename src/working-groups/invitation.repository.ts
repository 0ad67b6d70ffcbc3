import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../access/permission';
import { InvitationRow } from './dto/invitation.dto';
import type { Invitation } from './entities/invitation.entity';

const INVITATION_COLUMNS = `i.id, i.group_id AS "groupId", i.email, i.role, i.invited_by AS "invitedById",
  inviter.display_name AS "inviterName", i.created_at AS "createdAt", i.expires_at AS "expiresAt",
  i.revoked_at AS "revokedAt", i.accepted_at AS "acceptedAt"`;
const INVITER_JOIN = 'LEFT JOIN users inviter ON inviter.id = i.invited_by';

/** What accepting an invitation looks at: the invitation, who accepted it, and whether its group is archived. */
export type AcceptableInvitation = InvitationRow & Pick<Invitation, 'acceptedById'> & { archived: boolean };

export interface NewInvitation {
  groupId: string;
  email: string;
  role: Role;
  tokenHash: string;
  invitedById: string;
  expiresAt: Date;
}

/** Every query on invitations. */
@Injectable()
export class InvitationRepository {
  constructor(private readonly db: DataSource) {}

  /** One page, newest first, after the (created at, id) cursor; `limit` rows plus one. */
  async page(groupId: string, cursor: [string, string] | null, limit: number): Promise<InvitationRow[]> {
    return this.db.query(
      `SELECT ${INVITATION_COLUMNS} FROM invitations i ${INVITER_JOIN}
        WHERE i.group_id = $1 AND ($2::timestamptz IS NULL OR (i.created_at, i.id) < ($2::timestamptz, $3::uuid))
        ORDER BY i.created_at DESC, i.id DESC LIMIT $4`,
      [groupId, cursor?.[0] ?? null, cursor?.[1] ?? null, limit],
    );
  }

  /** The invitation a link's token opens, with its group's name; none for an unknown token. */
  async preview(tokenHash: string): Promise<(InvitationRow & { groupName: string }) | undefined> {
    const [row]: (InvitationRow & { groupName: string })[] = await this.db.query(
      `SELECT ${INVITATION_COLUMNS}, g.name AS "groupName" FROM invitations i ${INVITER_JOIN}
         JOIN working_groups g ON g.id = i.group_id
        WHERE i.token_hash = $1`,
      [tokenHash],
    );
    return row;
  }

  async load(tx: EntityManager, invitationId: string): Promise<InvitationRow> {
    const [row]: InvitationRow[] = await tx.query(
      `SELECT ${INVITATION_COLUMNS} FROM invitations i ${INVITER_JOIN} WHERE i.id = $1`,
      [invitationId],
    );
    return row;
  }

  async insert(tx: EntityManager, invitation: NewInvitation): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO invitations (group_id, email, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        invitation.groupId,
        invitation.email,
        invitation.role,
        invitation.tokenHash,
        invitation.invitedById,
        invitation.expiresAt,
      ],
    );
    return id;
  }

  /** A new secret and expiry for an open (or expired) invitation: the previous link stops working. */
  async renew(tx: EntityManager, invitationId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await tx.query('UPDATE invitations SET token_hash = $2, expires_at = $3 WHERE id = $1', [
      invitationId,
      tokenHash,
      expiresAt,
    ]);
  }

  async revoke(tx: EntityManager, invitationId: string): Promise<void> {
    await tx.query('UPDATE invitations SET revoked_at = now() WHERE id = $1', [invitationId]);
  }

  /** The invitation a token names, unlocked: enough to know which group to lock. */
  async findByTokenHash(tokenHash: string): Promise<Pick<Invitation, 'id' | 'groupId'> | undefined> {
    const [found]: Pick<Invitation, 'id' | 'groupId'>[] = await this.db.query(
      'SELECT id, group_id AS "groupId" FROM invitations WHERE token_hash = $1',
      [tokenHash],
    );
    return found;
  }

  async loadForAcceptance(tx: EntityManager, invitationId: string): Promise<AcceptableInvitation> {
    const [row]: AcceptableInvitation[] = await tx.query(
      `SELECT ${INVITATION_COLUMNS}, i.accepted_by AS "acceptedById", g.archived_at IS NOT NULL AS archived
         FROM invitations i JOIN working_groups g ON g.id = i.group_id ${INVITER_JOIN}
        WHERE i.id = $1`,
      [invitationId],
    );
    return row;
  }

  async markAccepted(tx: EntityManager, invitationId: string, userId: string): Promise<void> {
    await tx.query('UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1', [
      invitationId,
      userId,
    ]);
  }
}
