import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, refuseApiToken } from '../access/access.service';
import { Permission } from '../access/permission';
import { actorOf, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { ChangeFeedService } from '../events/change-feed.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { CreateGroupDto } from './dto/create-group.dto';
import { GroupDto, MyGroupDto, toMyGroupDto } from './dto/group.dto';
import { UpdateGroupDto } from './dto/update-group.dto';
import { MembersService } from './members.service';
import { WorkingGroupRepository } from './working-group.repository';
import { fieldError, refusal } from '../common/errors/refusal';
import { ValidationFailed } from '../common/validation.pipe';
import { isForeignKeyViolation } from '../database/postgres-errors';

@Injectable()
export class WorkingGroupsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly feed: ChangeFeedService,
    private readonly events: DomainEventBus,
    private readonly members: MembersService,
    private readonly groups: WorkingGroupRepository,
  ) {}

  /** The caller's groups by name; the workspace admin sees every group. Non-members' groups never reach the query's result. */
  async list(user: AuthUser, query: PageQueryDto): Promise<Page<MyGroupDto>> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string, string]>(query.cursor, ['text', 'uuid']);
    const rows = await this.groups.pageFor(user.id, user.isAdmin, cursor, limit + 1);
    return toPage(rows, limit, toMyGroupDto, (row) => [row.sortName, row.id]);
  }

  async get(user: AuthUser, groupId: string): Promise<MyGroupDto> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    return this.load(this.db.manager, groupId, user.id);
  }

  /** Anyone signed in may start a group; they become its first facilitator. */
  async create(user: AuthUser, dto: CreateGroupDto): Promise<MyGroupDto> {
    // The creator becomes its facilitator: a token would step out of the groups it was scoped to.
    refuseApiToken(user, 'create a working group');
    return this.db.transaction(async (tx) => {
      const fields = { name: dto.name, purpose: dto.purpose ?? '', objectives: dto.objectives ?? [] };
      const id = await this.groups.insert(tx, fields, user.id);
      // Before the creator's member.added, which follows it after commit: the admin's sockets join first.
      this.events.emitAfterCommit(tx, 'GroupCreated', { groupId: id });
      // One change, one audit entry: the group and its first facilitator arrive together.
      await this.members.insert(tx, id, user.id, 'facilitator', user, {
        action: 'group.created',
        after: { ...fields, role: 'facilitator' },
      });
      return this.load(tx, id, user.id);
    });
  }

  async update(user: AuthUser, groupId: string, dto: UpdateGroupDto): Promise<MyGroupDto> {
    await this.access.require(user, Permission.GroupUpdate, [groupId]);
    return this.db.transaction(async (tx) => {
      await this.groups.lock(tx, groupId);
      const before = await this.load(tx, groupId, user.id);
      const changes = changedFields(before, dto);
      if (Object.keys(changes.after).length === 0) return before;
      const verifierOrganizationId =
        dto.verifierOrganizationId !== undefined
          ? dto.verifierOrganizationId
          : (before.verifierOrganization?.id ?? null);
      try {
        await this.groups.update(tx, groupId, {
          name: dto.name ?? before.name,
          purpose: dto.purpose ?? before.purpose,
          objectives: dto.objectives ?? before.objectives,
          verifierOrganizationId,
        });
      } catch (error) {
        // An unknown organization is the caller's mistake, named by its field.
        if (isForeignKeyViolation(error))
          throw new ValidationFailed([fieldError('verifierOrganizationId', 'organization-missing')]);
        throw error;
      }
      await this.audit.record(tx, { groupId, ...actorOf(user), action: 'group.updated', ...changes });
      return this.publishGroup(tx, groupId, user.id);
    });
  }

  /** Archived groups are read-only for everyone; archiving twice changes nothing and records nothing. */
  async setArchived(user: AuthUser, groupId: string, archived: boolean): Promise<MyGroupDto> {
    await this.access.require(user, Permission.GroupArchive, [groupId]);
    return this.db.transaction(async (tx) => {
      await this.groups.lock(tx, groupId);
      const before = await this.load(tx, groupId, user.id);
      if (before.archived === archived) return before;
      await this.groups.setArchived(tx, groupId, archived);
      await this.audit.record(tx, {
        groupId,
        ...actorOf(user),
        action: archived ? 'group.archived' : 'group.unarchived',
        before: { archived: before.archived },
        after: { archived },
      });
      return this.publishGroup(tx, groupId, user.id);
    });
  }

  private async publishGroup(tx: EntityManager, groupId: string, actorId: string): Promise<MyGroupDto> {
    const group = await this.load(tx, groupId, actorId);
    const { myRole: _mine, unreadCount: _unread, ...shared } = group;
    // The group row is locked, so the seq this append takes is exactly the next one.
    const data: GroupDto = { ...shared, lastSeq: shared.lastSeq + 1 };
    const event = await this.feed.append(tx, groupId, 'group.updated', data, actorId);
    return { ...group, lastSeq: event.seq };
  }

  private async load(tx: EntityManager, groupId: string, userId: string): Promise<MyGroupDto> {
    const row = await this.groups.loadFor(tx, groupId, userId);
    if (!row) throw new NotFoundException(refusal('working-group-not-found'));
    return toMyGroupDto(row);
  }
}

/** Only the fields that really change, before and after, for the audit log. */
function changedFields(before: GroupDto, dto: UpdateGroupDto) {
  const previous: Record<string, unknown> = {};
  const next: Record<string, unknown> = {};
  const sortedObjectives = dto.objectives ? [...dto.objectives].sort((a, b) => a - b) : undefined;
  if (dto.name !== undefined && dto.name !== before.name) [previous.name, next.name] = [before.name, dto.name];
  if (dto.purpose !== undefined && dto.purpose !== before.purpose)
    [previous.purpose, next.purpose] = [before.purpose, dto.purpose];
  if (sortedObjectives && sortedObjectives.join() !== before.objectives.join()) {
    [previous.objectives, next.objectives] = [before.objectives, sortedObjectives];
  }
  const verifier = before.verifierOrganization?.id ?? null;
  if (dto.verifierOrganizationId !== undefined && dto.verifierOrganizationId !== verifier)
    [previous.verifierOrganizationId, next.verifierOrganizationId] = [verifier, dto.verifierOrganizationId];
  return { before: previous, after: next };
}
