import { ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { refuseApiToken } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { hashPassword, verifyPassword } from '../auth/password';
import { requireStrongPassword } from '../auth/password-strength';
import { SessionService } from '../auth/session.service';
import { isForeignKeyViolation } from '../database/postgres-errors';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { ValidationFailed } from '../common/validation.pipe';
import { DomainEventBus } from '../events/domain-event-bus';
import { SetOrganizationDto } from './dto/set-organization.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { toUserDto, UserDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { UserRepository } from './user.repository';
import { DataSource } from 'typeorm';
import { EmailNotConfirmed } from '../auth/email-not-confirmed';
import { OrganizationPeopleRepository } from '../organizations/organization-people.repository';
import { fieldError, refusal } from '../common/errors/refusal';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly events: DomainEventBus,
    private readonly people: OrganizationPeopleRepository,
    private readonly db: DataSource,
  ) {}

  async me(user: AuthUser): Promise<UserDto> {
    return this.load(user.id);
  }

  async updateMe(user: AuthUser, dto: UpdateMeDto): Promise<UserDto> {
    refuseApiToken(user, 'change its account');
    const changes: Partial<User> = {};
    if (dto.displayName !== undefined) changes.displayName = dto.displayName;
    if (dto.locale !== undefined) changes.locale = dto.locale;
    if (dto.requestedOrganizationId !== undefined) changes.requestedOrganizationId = dto.requestedOrganizationId;
    for (const key of ['timeZone', 'weekendDays', 'workStartHour', 'workEndHour', 'digest', 'digestHour'] as const) {
      if (dto[key] !== undefined) Object.assign(changes, { [key]: dto[key] });
    }
    await this.checkWorkingHours(user.id, dto);
    if (dto.newPassword !== undefined) {
      const stored = await this.users.passwordCheck(user.id);
      if (!(await verifyPassword(stored?.passwordHash, dto.currentPassword ?? ''))) {
        throw new UnauthorizedException(refusal('current-password-wrong'));
      }
      const personal = [stored?.displayName ?? '', stored?.email ?? '', dto.displayName ?? ''];
      requireStrongPassword(dto.newPassword, personal, 'newPassword');
      changes.passwordHash = await hashPassword(dto.newPassword);
    }
    if (Object.keys(changes).length > 0) await this.write(user.id, changes, 'requestedOrganizationId');
    if (changes.passwordHash) {
      await this.sessions.revokeAllExcept(user.id, user.sessionId, 'password-changed');
      this.events.emit('PasswordChanged', { userId: user.id });
    }
    return this.me(user);
  }

  /** Working hours end after they start, whichever of the two this change sets. */
  private async checkWorkingHours(userId: string, dto: UpdateMeDto): Promise<void> {
    if (dto.workStartHour === undefined && dto.workEndHour === undefined) return;
    const current = (await this.load(userId)).mailSchedule;
    const start = dto.workStartHour ?? current.workStartHour;
    const end = dto.workEndHour ?? current.workEndHour;
    if (end <= start) throw new ValidationFailed([fieldError('workEndHour', 'work-hours-order')]);
  }

  /**
   * The workspace admin sets an account's organization (granting a request, or not); a request for the granted one
   * is then settled. It counts at the account's next request: every request reads the user as they are now.
   */
  async setOrganization(admin: AuthUser, userId: string, dto: SetOrganizationDto): Promise<UserDto> {
    if (!admin.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
    try {
      await this.db.transaction(async (tx) => {
        const target = await this.people.lockAccount(tx, userId);
        if (!target) throw new NotFoundException(refusal('user-not-found'));
        // Speaking for an organization starts with proving the address; ending it needs nothing.
        if (dto.organizationId !== null && !target.verified) throw new EmailNotConfirmed();
        if (dto.organizationId === null) await this.users.updateIn(tx, userId, { organizationId: null });
        else await this.people.affiliate(tx, dto.organizationId, userId);
        await this.people.dropStaleAdminRoles(tx, userId);
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new ValidationFailed([fieldError('organizationId', 'not-an-organization')]);
      }
      throw error;
    }
    return this.load(userId);
  }

  /** Accounts waiting for the admin to grant (or not) the organization they asked for, oldest first. */
  async organizationRequests(admin: AuthUser, query: PageQueryDto): Promise<Page<UserDto>> {
    if (!admin.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.users.organizationRequests(cursor, limit + 1);
    return toPage(rows, limit, toUserDto, (row) => [row.createdAt.toISOString(), row.id]);
  }

  private async load(userId: string): Promise<UserDto> {
    const row = await this.users.withOrganizations(userId);
    if (!row) throw new NotFoundException(refusal('user-not-found'));
    return toUserDto(row);
  }

  private async write(userId: string, changes: Partial<User>, organizationField: string): Promise<void> {
    try {
      await this.users.update(userId, changes);
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new ValidationFailed([fieldError(organizationField, 'not-an-organization')]);
      }
      throw error;
    }
  }
}
