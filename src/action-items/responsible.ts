import type { ActionItemDto } from './dto/action-item.dto';

/** What the rule looks at of an item: the server's DTO and the client's copy of it both fit. */
export type ResponsibleItem = Pick<ActionItemDto, 'focalPerson' | 'leadOrganization'>;

/** What it looks at of a person: the server's AuthUser fits; the client passes its user's organization id. */
export interface ResponsibleUser {
  id: string;
  organizationId: string | null;
}

/**
 * The one rule of who answers for an item: its focal person, or a member of its lead organization. The service
 * decides status changes and progress notes with it, the web client offers them with it (this file has no runtime
 * imports, so the client bundles it), and ActionItemRepository states it once in SQL for lists and recipients.
 */
export function isResponsible(item: ResponsibleItem, user: ResponsibleUser): boolean {
  return (
    item.focalPerson?.id === user.id ||
    (user.organizationId !== null && item.leadOrganization !== null && item.leadOrganization.id === user.organizationId)
  );
}
