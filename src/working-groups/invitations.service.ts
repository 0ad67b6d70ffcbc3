import { ConflictException, ForbiddenException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { actorOf, AuditService } from '../audit/audit.service';
import { EmailNotConfirmed } from '../auth/email-not-confirmed';
import { AuthUser } from '../auth/auth-user';
import { hashRefreshToken as sha256 } from '../auth/token.service';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { DomainEventBus } from '../events/domain-event-bus';
import { EmailOutbox } from '../jobs/email-outbox';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { RenewInvitationDto } from './dto/renew-invitation.dto';
import {
  CreatedInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
  invitationStatus,
  toInvitationDto,
} from './dto/invitation.dto';
import { MemberDto } from './dto/member.dto';
import { InvitationRepository } from './invitation.repository';
import { MembersService } from './members.service';
import { WorkingGroupRepository } from './working-group.repository';
import { refusal } from '../common/errors/refusal';

const DEFAULT_EXPIRY_DAYS = 14;

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly members: MembersService,
    private readonly events: DomainEventBus,
    private readonly invitations: InvitationRepository,
    private readonly groups: WorkingGroupRepository,
    private readonly outbox: EmailOutbox,
  ) {}

  /** Newest first, every status. */
  async list(user: AuthUser, groupId: string, query: PageQueryDto): Promise<Page<InvitationDto>> {
    await this.access.require(user, Permission.InvitationRead, [groupId]);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.invitations.page(groupId, cursor, limit + 1);
    return toPage(rows, limit, toInvitationDto, (row) => [new Date(row.createdAt).toISOString(), row.id]);
  }

  /**
   * The token is returned here once and never again: only its hash is kept, and the invited address is emailed the
   * link (the token sealed in the outbox until the email is sent, then wiped).
   */
  async create(user: AuthUser, groupId: string, dto: CreateInvitationDto): Promise<CreatedInvitationDto> {
    await this.access.require(user, Permission.InvitationManage, [groupId]);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + (dto.expiresInDays ?? DEFAULT_EXPIRY_DAYS) * 86_400_000);
    const { invitation, groupName } = await this.db.transaction(async (tx) => {
      await this.groups.lock(tx, groupId);
      const id = await this.invitations.insert(tx, {
        groupId,
        email: dto.email,
        role: dto.role,
        tokenHash: sha256(token),
        invitedById: user.id,
        expiresAt,
      });
      await this.audit.record(tx, {
        groupId,
        ...actorOf(user),
        action: 'invitation.created',
        after: { invitationId: id, email: dto.email, role: dto.role, expiresAt: expiresAt.toISOString() },
      });
      // The link goes to the invited address by email too, with the invitation or not at all.
      await this.queueEmail(tx, id, dto.email, token);
      return { invitation: await this.load(tx, id), groupName: await this.groups.name(tx, groupId) };
    });
    this.events.emit('InvitationCreated', { invitation, groupName });
    return { ...invitation, token, acceptPath: `/invitations/${token}` };
  }

  /**
   * A new link for an invitation not yet used: the facilitator copies it again (the old token was never kept) or has
   * it emailed again. The previous link stops working; the expiry starts again from today. Accepted and revoked
   * invitations stay as they are.
   */
  async renew(user: AuthUser, invitationId: string, dto: RenewInvitationDto): Promise<CreatedInvitationDto> {
    const groupId = await this.access.requireOn(user, Permission.InvitationManage, {
      kind: 'invitation',
      id: invitationId,
    });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + DEFAULT_EXPIRY_DAYS * 86_400_000);
    const sendEmail = dto.sendEmail ?? true;
    const invitation = await this.db.transaction(async (tx) => {
      await this.groups.lock(tx, groupId);
      const current = await this.load(tx, invitationId);
      if (current.status === 'accepted') throw new ConflictException(refusal('invitation-accepted'));
      if (current.status === 'revoked') throw new ConflictException(refusal('invitation-revoked'));
      await this.invitations.renew(tx, invitationId, sha256(token), expiresAt);
      await this.audit.record(tx, {
        groupId,
        ...actorOf(user),
        action: 'invitation.renewed',
        before: { invitationId, expiresAt: current.expiresAt },
        after: { invitationId, email: current.email, expiresAt: expiresAt.toISOString(), emailed: sendEmail },
      });
      if (sendEmail) await this.queueEmail(tx, invitationId, current.email, token);
      return this.load(tx, invitationId);
    });
    return { ...invitation, token, acceptPath: `/invitations/${token}` };
  }

  /** The invitation email, its token sealed in the outbox until sent (the composer skips it once the link changed). */
  private async queueEmail(tx: EntityManager, invitationId: string, email: string, token: string): Promise<void> {
    await this.outbox.queue(tx, [
      { kind: 'invitation', userId: null, toAddress: email, payload: { invitationId }, secret: token, urgent: true },
    ]);
  }

  async revoke(user: AuthUser, invitationId: string): Promise<InvitationDto> {
    // One access query finds the group: a missing invitation and one of a hidden group are the same 404.
    const groupId = await this.access.requireOn(user, Permission.InvitationManage, {
      kind: 'invitation',
      id: invitationId,
    });
    return this.db.transaction(async (tx) => {
      await this.groups.lock(tx, groupId);
      const current = await this.load(tx, invitationId);
      if (current.status === 'accepted') throw new ConflictException(refusal('invitation-accepted'));
      if (current.status === 'revoked') return current;
      await this.invitations.revoke(tx, invitationId);
      await this.audit.record(tx, {
        groupId,
        ...actorOf(user),
        action: 'invitation.revoked',
        before: { invitationId, status: current.status },
        after: { invitationId, status: 'revoked' },
      });
      return this.load(tx, invitationId);
    });
  }

  /** What the link's holder sees before accepting (no sign-in needed: the link is the secret). */
  async preview(token: string): Promise<InvitationPreviewDto> {
    const row = await this.invitations.preview(sha256(token));
    if (!row) throw new NotFoundException(refusal('invitation-not-found'));
    return {
      groupName: row.groupName,
      role: row.role,
      invitedBy: row.inviterName,
      email: row.email,
      status: invitationStatus(row),
      expiresAt: new Date(row.expiresAt).toISOString(),
    };
  }

  /**
   * Accepts by the secret token from the link, and by nothing else: an invitation's id is no secret (it names the
   * in-app notice). Only the account that proved it reads mail at the invited address may accept (a link can be
   * forwarded, and anyone can type an address into a registration), and replaying it creates the membership once.
   */
  async accept(user: AuthUser, token: string): Promise<MemberDto> {
    const found = await this.invitations.findByTokenHash(sha256(token));
    if (!found) throw new NotFoundException(refusal('invitation-not-found'));
    if (!user.emailVerified) throw new EmailNotConfirmed();
    return this.db.transaction(async (tx) => {
      await this.groups.lock(tx, found.groupId);
      const row = await this.invitations.loadForAcceptance(tx, found.id);
      // A token alone is not enough either: it may have been forwarded.
      if (row.email !== user.email) throw new ForbiddenException(refusal('invitation-other-email'));
      const existing = await this.access.role(user.id, row.groupId, tx);
      if (row.acceptedAt) {
        // A replay by the one who accepted answers the same membership; after they left, the invitation is spent.
        if (row.acceptedById === user.id && existing) return this.members.load(tx, row.groupId, user.id);
        throw new GoneException(refusal('invitation-used'));
      }
      const status = invitationStatus(row);
      if (status === 'revoked') throw new GoneException(refusal('invitation-revoked'));
      if (status === 'expired') throw new GoneException(refusal('invitation-expired'));
      if (row.archived) throw new ConflictException(refusal('group-archived'));
      await this.invitations.markAccepted(tx, row.id, user.id);
      if (existing) {
        // Already in the group (added directly meanwhile): the invitation is used up, the role stays as it is.
        await this.audit.record(tx, {
          groupId: row.groupId,
          ...actorOf(user),
          action: 'invitation.accepted',
          subjectId: user.id,
          after: { invitationId: row.id, role: existing },
        });
        return this.members.load(tx, row.groupId, user.id);
      }
      return this.members.insert(tx, row.groupId, user.id, row.role, user, {
        action: 'invitation.accepted',
        after: { invitationId: row.id, role: row.role },
      });
    });
  }

  private async load(tx: EntityManager, invitationId: string): Promise<InvitationDto> {
    return toInvitationDto(await this.invitations.load(tx, invitationId));
  }
}
