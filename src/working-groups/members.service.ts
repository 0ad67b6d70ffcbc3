import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { MemberRow, MembershipRepository } from '../access/membership.repository';
import { Permission, Role } from '../access/permission';
import { actorOf, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { isForeignKeyViolation } from '../database/postgres-errors';
import { ValidationFailed } from '../common/validation.pipe';
import { ChangeFeedService } from '../events/change-feed.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { AddMemberDto } from './dto/add-member.dto';
import { MemberDto, toMemberDto } from './dto/member.dto';
import { mayReadEmail } from './email-visibility';
import { WorkingGroupRepository } from './working-group.repository';
import { fieldError, refusal } from '../common/errors/refusal';

@Injectable()
export class MembersService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly feed: ChangeFeedService,
    private readonly events: DomainEventBus,
    private readonly memberships: MembershipRepository,
    private readonly groups: WorkingGroupRepository,
  ) {}

  /** Members by name, each with their organization; email addresses only where the reader may see them. */
  async list(user: AuthUser, groupId: string, query: PageQueryDto): Promise<Page<MemberDto>> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const reader = { ...user, role: await this.access.role(user.id, groupId) };
    const limit = query.limit ?? 100;
    const cursor = decodeCursor<[string, string]>(query.cursor, ['text', 'uuid']);
    const rows = await this.memberships.page(groupId, cursor, limit + 1);
    const toDto = (row: MemberRow) =>
      toMemberDto(row, mayReadEmail(reader, { userId: row.userId, organizationId: row.organizationId }));
    return toPage(rows, limit, toDto, (row) => [row.sortName, row.userId]);
  }

  async add(user: AuthUser, groupId: string, dto: AddMemberDto): Promise<MemberDto> {
    return this.db.transaction(async (tx) => {
      await this.lockAndRequire(tx, user, Permission.MemberManage, groupId);
      if (await this.access.role(dto.userId, groupId, tx)) throw new ConflictException(refusal('already-member'));
      return this.insert(tx, groupId, dto.userId, dto.role, user, { action: 'member.added' });
    });
  }

  /**
   * Adds a membership in the caller's transaction (group locked, not yet a member): the row, its one audit
   * entry, and its feed event (published after commit). Invitations use it too. The member answered carries the email address (the caller
   * is a facilitator, the admin or the member themselves); the feed event, replayed to every member, does not.
   */
  async insert(
    tx: EntityManager,
    groupId: string,
    userId: string,
    role: Role,
    actor: Pick<AuthUser, 'id' | 'apiToken'>,
    audit: { action: string; after?: Record<string, unknown> },
  ): Promise<MemberDto> {
    try {
      await this.memberships.insert(tx, groupId, userId, role);
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new ValidationFailed([fieldError('userId', 'not-a-user')]);
      throw error;
    }
    await this.audit.record(tx, { groupId, ...actorOf(actor), subjectId: userId, after: { role }, ...audit });
    const member = await this.load(tx, groupId, userId);
    await this.feed.append(tx, groupId, 'member.added', withoutEmail(member), actor.id);
    return member;
  }

  async changeRole(user: AuthUser, groupId: string, userId: string, role: Role): Promise<MemberDto> {
    const result = await this.db.transaction(async (tx) => {
      await this.lockAndRequire(tx, user, Permission.MemberManage, groupId);
      const previous = await this.requireMember(tx, groupId, userId);
      if (previous === role) return { member: await this.load(tx, groupId, userId), event: null, previous };
      if (previous === 'facilitator') await this.keepAFacilitator(tx, groupId);
      await this.memberships.setRole(tx, groupId, userId, role);
      await this.audit.record(tx, {
        groupId,
        ...actorOf(user),
        action: 'member.role-changed',
        subjectId: userId,
        before: { role: previous },
        after: { role },
      });
      const member = await this.load(tx, groupId, userId);
      return {
        member,
        event: await this.feed.append(tx, groupId, 'member.updated', withoutEmail(member), user.id),
        previous,
      };
    });
    if (result.event) this.events.emit('MemberRoleChanged', { event: result.event, previous: result.previous });
    return result.member;
  }

  remove(user: AuthUser, groupId: string, userId: string): Promise<void> {
    return this.removeMembership(user, groupId, userId, Permission.MemberManage, 'member.removed');
  }

  leave(user: AuthUser, groupId: string): Promise<void> {
    return this.removeMembership(user, groupId, user.id, Permission.MembershipLeave, 'member.left');
  }

  private async removeMembership(
    user: AuthUser,
    groupId: string,
    userId: string,
    permission: Permission,
    action: string,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockAndRequire(tx, user, permission, groupId);
      const previous = await this.requireMember(tx, groupId, userId);
      if (previous === 'facilitator') await this.keepAFacilitator(tx, groupId);
      await this.memberships.delete(tx, groupId, userId);
      await this.audit.record(tx, { groupId, ...actorOf(user), action, subjectId: userId, before: { role: previous } });
      await this.feed.append(tx, groupId, 'member.removed', { userId }, user.id);
    });
  }

  /**
   * Checked under the group's lock: a facilitator demoted by a concurrent request has lost the right
   * by the time this one runs.
   */
  private async lockAndRequire(tx: EntityManager, user: AuthUser, permission: Permission, groupId: string) {
    // First without the lock, so a non-member cannot make members wait on it.
    await this.access.require(user, permission, [groupId], tx);
    await this.groups.lock(tx, groupId);
    await this.access.require(user, permission, [groupId], tx);
  }

  private async requireMember(tx: EntityManager, groupId: string, userId: string): Promise<Role> {
    const role = await this.access.role(userId, groupId, tx);
    if (!role) throw new NotFoundException(refusal('not-a-member'));
    return role;
  }

  /** Called with the group locked, before a facilitator is demoted or removed. */
  private async keepAFacilitator(tx: EntityManager, groupId: string): Promise<void> {
    if ((await this.memberships.countFacilitators(tx, groupId)) <= 1) {
      throw new ConflictException(refusal('last-facilitator'));
    }
  }

  /** With the email address: for answers to those who may see it (facilitators, the admin, the member). */
  async load(tx: EntityManager, groupId: string, userId: string): Promise<MemberDto> {
    const row = await this.memberships.member(tx, groupId, userId);
    return toMemberDto(row!, true);
  }
}

/** Feed events are stored once and replayed to every member (and later joiners): they never carry an address. */
function withoutEmail(member: MemberDto): MemberDto {
  const { email: _email, ...rest } = member;
  return rest;
}
