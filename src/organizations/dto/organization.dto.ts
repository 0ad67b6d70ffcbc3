import { Organization, OrganizationKind } from '../entities/organization.entity';

export class OrganizationDto {
  id: string;
  name: string;
  kind: OrganizationKind;
  /** ISO 3166-1 alpha-2 country code, or null. */
  country: string | null;
}

export function toOrganizationDto(organization: Organization): OrganizationDto {
  return { id: organization.id, name: organization.name, kind: organization.kind, country: organization.country };
}
