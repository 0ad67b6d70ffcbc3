import { ApiProperty } from '@nestjs/swagger';
import { Organization, OrganizationKind } from '../entities/organization.entity';

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  kind: OrganizationKind;
  /** ISO 3166-1 alpha-2 country code, or null. */
  country: string | null;
  /**
   * The email domains the workspace admin verified as the organization's: a confirmed address on one speaks for it.
   * Only in the directory and the admin's answers; empty where an organization is embedded in another answer.
   */
  emailDomains: string[];
}

export function toOrganizationDto(organization: Organization, emailDomains: string[] = []): OrganizationDto {
  return {
    id: organization.id,
    name: organization.name,
    kind: organization.kind,
    country: organization.country,
    emailDomains,
  };
}
