import { ConflictException, ForbiddenException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { hashRefreshToken as sha256 } from '../auth/token.service';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { DomainEventBus } from '../events/domain-event-bus';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import {
  CreatedInvitationDto,
  InvitationDto,
  InvitationRow,
  invitationStatus,
  toInvitationDto,
} from './dto/invitation.dto';
import { MemberDto } from './dto/member.dto';
import { lockGroup } from './group-lock';
import { MembersService } from './members.service';

const DEFAULT_EXPIRY_DAYS = 14;
const INVITATION_COLUMNS = `i.id, i.group_id, i.email, i.role, i.invited_by, inviter.display_name AS inviter_name,
  i.created_at, i.expires_at, i.revoked_at, i.accepted_at`;

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly members: MembersService,
    private readonly events: DomainEventBus,
  ) {}

  /** Newest first, every status. */
  async list(user: AuthUser, groupId: string, query: PageQueryDto): Promise<Page<InvitationDto>> {
    await this.access.require(user, Permission.InvitationRead, [groupId]);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows: InvitationRow[] = await this.db.query(
      `SELECT ${INVITATION_COLUMNS} FROM invitations i LEFT JOIN users inviter ON inviter.id = i.invited_by
        WHERE i.group_id = $1 AND ($2::timestamptz IS NULL OR (i.created_at, i.id) < ($2::timestamptz, $3::uuid))
        ORDER BY i.created_at DESC, i.id DESC LIMIT $4`,
      [groupId, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    return toPage(rows, limit, toInvitationDto, (row) => [new Date(row.created_at).toISOString(), row.id]);
  }

  /** The token is returned here once and never again: only its hash is kept. */
  async create(user: AuthUser, groupId: string, dto: CreateInvitationDto): Promise<CreatedInvitationDto> {
    await this.access.require(user, Permission.InvitationManage, [groupId]);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + (dto.expiresInDays ?? DEFAULT_EXPIRY_DAYS) * 86_400_000);
    const { invitation, groupName } = await this.db.transaction(async (tx) => {
      await lockGroup(tx, groupId);
      const [{ id }]: { id: string }[] = await tx.query(
        `INSERT INTO invitations (group_id, email, role, token_hash, invited_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [groupId, dto.email, dto.role, sha256(token), user.id, expiresAt],
      );
      await this.audit.record(tx, {
        groupId,
        actorId: user.id,
        action: 'invitation.created',
        after: { invitationId: id, email: dto.email, role: dto.role, expiresAt: expiresAt.toISOString() },
      });
      const [{ name }]: { name: string }[] = await tx.query('SELECT name FROM working_groups WHERE id = $1', [groupId]);
      return { invitation: await this.load(tx, id), groupName: name };
    });
    this.events.emit('InvitationCreated', { invitation, groupName });
    return { ...invitation, token, acceptPath: `/invitations/${token}` };
  }

  async revoke(user: AuthUser, invitationId: string): Promise<InvitationDto> {
    // One access query finds the group: a missing invitation and one of a hidden group are the same 404.
    const groupId = await this.access.requireOn(user, Permission.InvitationManage, {
      kind: 'invitation',
      id: invitationId,
    });
    return this.db.transaction(async (tx) => {
      await lockGroup(tx, groupId);
      const current = await this.load(tx, invitationId);
      if (current.status === 'accepted') throw new ConflictException('The invitation was already accepted');
      if (current.status === 'revoked') return current;
      await tx.query('UPDATE invitations SET revoked_at = now() WHERE id = $1', [invitationId]);
      await this.audit.record(tx, {
        groupId,
        actorId: user.id,
        action: 'invitation.revoked',
        before: { invitationId, status: current.status },
        after: { invitationId, status: 'revoked' },
      });
      return this.load(tx, invitationId);
    });
  }

  /**
   * Accepts by the secret token from the link, and by nothing else: emails are not verified, so holding the address
   * proves little, and an invitation's id is no secret (it names the in-app notice). Only the account whose email
   * was invited may accept, and replaying it creates the membership once.
   */
  async accept(user: AuthUser, token: string): Promise<MemberDto> {
    const [found]: { id: string; group_id: string }[] = await this.db.query(
      'SELECT id, group_id FROM invitations WHERE token_hash = $1',
      [sha256(token)],
    );
    if (!found) throw new NotFoundException('Invitation not found');
    return this.db.transaction(async (tx) => {
      await lockGroup(tx, found.group_id);
      const [row]: (InvitationRow & { token_hash: string; accepted_by: string | null; archived: boolean })[] =
        await tx.query(
          `SELECT i.*, g.archived_at IS NOT NULL AS archived FROM invitations i JOIN working_groups g ON g.id = i.group_id
          WHERE i.id = $1`,
          [found.id],
        );
      // A token alone is not enough either: it may have been forwarded.
      if (row.email !== user.email) throw new ForbiddenException('This invitation was sent to another email address');
      const existing = await this.access.role(user.id, row.group_id, tx);
      if (row.accepted_at) {
        // A replay by the one who accepted answers the same membership; after they left, the invitation is spent.
        if (row.accepted_by === user.id && existing) return this.members.load(tx, row.group_id, user.id);
        throw new GoneException('The invitation was already used');
      }
      const status = invitationStatus(row);
      if (status === 'revoked') throw new GoneException('The invitation was revoked');
      if (status === 'expired') throw new GoneException('The invitation has expired');
      if (row.archived) throw new ConflictException('The working group is archived and read-only');
      await tx.query('UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1', [row.id, user.id]);
      if (existing) {
        // Already in the group (added directly meanwhile): the invitation is used up, the role stays as it is.
        await this.audit.record(tx, {
          groupId: row.group_id,
          actorId: user.id,
          action: 'invitation.accepted',
          subjectId: user.id,
          after: { invitationId: row.id, role: existing },
        });
        return this.members.load(tx, row.group_id, user.id);
      }
      return this.members.insert(tx, row.group_id, user.id, row.role, user.id, {
        action: 'invitation.accepted',
        after: { invitationId: row.id, role: row.role },
      });
    });
  }

  private async load(tx: EntityManager, invitationId: string): Promise<InvitationDto> {
    const [row]: InvitationRow[] = await tx.query(
      `SELECT ${INVITATION_COLUMNS} FROM invitations i LEFT JOIN users inviter ON inviter.id = i.invited_by WHERE i.id = $1`,
      [invitationId],
    );
    return toInvitationDto(row);
  }
}
