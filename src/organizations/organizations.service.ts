import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { refuseApiToken } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { ValidationFailed } from '../common/validation.pipe';
import { isUniqueViolation } from '../database/postgres-errors';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import { UpdateOrganizationDto } from './dto/update-organization.dto';
import { SetOrganizationDomainsDto } from './dto/organization-people.dto';
import { OrganizationDto, toOrganizationDto } from './dto/organization.dto';
import { OrganizationPeopleRepository } from './organization-people.repository';
import { OrganizationRepository } from './organization.repository';
import { fieldError, refusal } from '../common/errors/refusal';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly people: OrganizationPeopleRepository,
  ) {}

  /** The directory of participating organizations is public: the sign-up form offers it, with their domains. */
  async list(): Promise<OrganizationDto[]> {
    const rows = await this.organizations.all();
    const domains = await this.people.domains(rows.map((row) => row.id));
    return rows.map((row) =>
      toOrganizationDto(
        row,
        domains.filter((d) => d.organizationId === row.id).map((d) => d.domain),
      ),
    );
  }

  /**
   * The workspace admin sets the organization's verified email domains. A domain is one organization's at most.
   * Confirmed accounts on a new domain that speak for no organization yet are affiliated at once, as they would
   * have been had the domain been listed when they confirmed their address.
   */
  async setDomains(user: AuthUser, organizationId: string, dto: SetOrganizationDomainsDto): Promise<OrganizationDto> {
    refuseApiToken(user, "change an organization's domains");
    const organization = await this.organizations.find(organizationId);
    if (!organization) throw new NotFoundException(refusal('organization-not-found'));
    if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
    await this.db.transaction(async (tx) => {
      const taken = await this.people.domainsOfOthers(tx, organizationId, dto.domains);
      if (taken.length > 0) {
        throw new ValidationFailed([fieldError('domains', 'domains-taken', { domains: taken.join(', ') })]);
      }
      await this.people.replaceDomains(tx, organizationId, dto.domains);
      await this.people.affiliateByDomains(tx, organizationId, dto.domains);
    });
    return toOrganizationDto(organization, [...dto.domains].sort());
  }

  /** The workspace admin renames an organization or corrects its kind or country; a name is one organization's. */
  async update(user: AuthUser, organizationId: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    refuseApiToken(user, 'change an organization');
    const organization = await this.organizations.find(organizationId);
    if (!organization) throw new NotFoundException(refusal('organization-not-found'));
    if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
    const changes = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.kind !== undefined ? { kind: dto.kind } : {}),
      ...(dto.country !== undefined ? { country: dto.country } : {}),
    };
    try {
      if (Object.keys(changes).length > 0) await this.organizations.update(organizationId, changes);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictException(refusal('organization-name-taken', { name: dto.name ?? organization.name }));
      throw error;
    }
    const domains = await this.people.domains([organizationId]);
    return toOrganizationDto(
      { ...organization, ...changes },
      domains.map((d) => d.domain),
    );
  }

  async create(user: AuthUser, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
    try {
      const row = await this.organizations.insert({ name: dto.name, kind: dto.kind, country: dto.country ?? null });
      return toOrganizationDto(row, []);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(refusal('organization-name-taken', { name: dto.name }));
      throw error;
    }
  }
}
