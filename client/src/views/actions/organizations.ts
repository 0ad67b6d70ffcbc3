import { listOrganizations } from '../../api/account';
import type { OrganizationDto } from '../../api/server-types';

let cached: Promise<OrganizationDto[]> | null = null;

/** The workspace's organizations change rarely: read once per page load. */
export function organizations(): Promise<OrganizationDto[]> {
  cached ??= listOrganizations().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
