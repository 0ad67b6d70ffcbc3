import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { refuseApiToken } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { EmailNotConfirmed } from '../auth/email-not-confirmed';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { OrganizationPersonDto } from './dto/organization-people.dto';
import { OrganizationPeopleRepository, OrganizationPersonRow } from './organization-people.repository';
import { refusal } from '../common/errors/refusal';

/**
 * Who speaks for an organization. Its admins (appointed by the workspace admin among its people) and the workspace
 * admin see its people and the accounts asking to join it, approve or decline the requests, and end affiliations.
 * A change counts from the account's next request (every request reads the user as they are now); positions already
 * taken keep the organization they were taken for.
 */
@Injectable()
export class OrganizationPeopleService {
  constructor(
    private readonly db: DataSource,
    private readonly people: OrganizationPeopleRepository,
  ) {}

  async list(
    user: AuthUser,
    organizationId: string,
    which: 'members' | 'requests',
    query: PageQueryDto,
  ): Promise<Page<OrganizationPersonDto>> {
    await this.requireManager(user, organizationId);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.people.people(organizationId, which, cursor, limit + 1);
    return toPage(rows, limit, toPersonDto, (row) => [new Date(row.createdAt).toISOString(), row.id]);
  }

  /** Grants the request: only to a confirmed account, and only for the organization it asked for. */
  async approve(user: AuthUser, organizationId: string, userId: string): Promise<OrganizationPersonDto> {
    await this.requireManager(user, organizationId);
    return this.change(organizationId, userId, async (tx, account) => {
      if (account.requestedOrganizationId !== organizationId) {
        throw new ConflictException(refusal('organization-not-requested'));
      }
      if (!account.verified) throw new EmailNotConfirmed();
      await this.people.affiliate(tx, organizationId, userId);
      await this.people.dropStaleAdminRoles(tx, userId);
    });
  }

  async decline(user: AuthUser, organizationId: string, userId: string): Promise<OrganizationPersonDto> {
    await this.requireManager(user, organizationId);
    return this.change(organizationId, userId, async (tx, account) => {
      if (account.requestedOrganizationId !== organizationId) {
        throw new ConflictException(refusal('organization-not-requested'));
      }
      await this.people.declineRequest(tx, userId);
    });
  }

  /** The account no longer speaks for the organization (its recorded positions stay as they were). */
  async remove(user: AuthUser, organizationId: string, userId: string): Promise<OrganizationPersonDto> {
    await this.requireManager(user, organizationId);
    return this.change(organizationId, userId, async (tx, account) => {
      if (account.organizationId !== organizationId) {
        throw new ConflictException(refusal('organization-not-spoken-for'));
      }
      await this.people.unaffiliate(tx, organizationId, userId);
    });
  }

  /** The workspace admin appoints an organization admin among the organization's confirmed people. */
  async appointAdmin(user: AuthUser, organizationId: string, userId: string): Promise<OrganizationPersonDto> {
    await this.requireWorkspaceAdmin(user, organizationId);
    return this.change(organizationId, userId, async (tx, account) => {
      if (account.organizationId !== organizationId) {
        throw new ConflictException(refusal('organization-admin-not-person'));
      }
      if (!account.verified) throw new EmailNotConfirmed();
      await this.people.addAdmin(tx, organizationId, userId);
    });
  }

  async dismissAdmin(user: AuthUser, organizationId: string, userId: string): Promise<OrganizationPersonDto> {
    await this.requireWorkspaceAdmin(user, organizationId);
    return this.change(organizationId, userId, (tx) => this.people.removeAdmin(tx, organizationId, userId));
  }

  /** The workspace admin, or an admin of this organization who still speaks for it. */
  private async requireManager(user: AuthUser, organizationId: string): Promise<void> {
    refuseApiToken(user, "manage an organization's people");
    if (!(await this.people.exists(organizationId))) throw new NotFoundException(refusal('organization-not-found'));
    if (user.isAdmin) return;
    if (user.organizationId === organizationId && (await this.people.isAdmin(user.id, organizationId))) return;
    throw new ForbiddenException(refusal('organization-admins-only'));
  }

  private async requireWorkspaceAdmin(user: AuthUser, organizationId: string): Promise<void> {
    refuseApiToken(user, 'appoint organization admins');
    if (!(await this.people.exists(organizationId))) throw new NotFoundException(refusal('organization-not-found'));
    if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
  }

  /** One change to one account, with the account locked; answers the account as the organization now sees it. */
  private async change(
    organizationId: string,
    userId: string,
    apply: (
      tx: EntityManager,
      account: NonNullable<Awaited<ReturnType<OrganizationPeopleRepository['lockAccount']>>>,
    ) => Promise<void>,
  ): Promise<OrganizationPersonDto> {
    return this.db.transaction(async (tx) => {
      const account = await this.people.lockAccount(tx, userId);
      if (!account) throw new NotFoundException(refusal('user-not-found'));
      await apply(tx, account);
      return toPersonDto((await this.people.person(tx, organizationId, userId))!);
    });
  }
}

export function toPersonDto(row: OrganizationPersonRow): OrganizationPersonDto {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}
