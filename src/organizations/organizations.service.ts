import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { isUniqueViolation } from '../database/postgres-errors';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import { OrganizationDto, toOrganizationDto } from './dto/organization.dto';
import { OrganizationRepository } from './organization.repository';

@Injectable()
export class OrganizationsService {
  constructor(private readonly organizations: OrganizationRepository) {}

  /** The directory of participating organizations is public: the sign-up form offers it. */
  async list(): Promise<OrganizationDto[]> {
    const rows = await this.organizations.all();
    return rows.map(toOrganizationDto);
  }

  async create(user: AuthUser, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    if (!user.isAdmin) throw new ForbiddenException('Only the workspace admin adds organizations');
    try {
      const row = await this.organizations.insert({ name: dto.name, kind: dto.kind, country: dto.country ?? null });
      return toOrganizationDto(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`An organization named "${dto.name}" exists`);
      throw error;
    }
  }
}
