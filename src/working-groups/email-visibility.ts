import { Role } from '../access/permission';

/** Who is reading a member list: the workspace-wide and group-wide facts the rule needs. */
export interface EmailReader {
  id: string;
  isAdmin: boolean;
  organizationId: string | null;
  /** The reader's role in the group the list belongs to, or null. */
  role: Role | null;
}

/**
 * Whether a reader sees a member's email address: the group's facilitators (they manage and invite), the workspace
 * admin, people of the same organization, and the member themselves. Everyone else sees name and organization.
 */
export function mayReadEmail(reader: EmailReader, member: { userId: string; organizationId: string | null }): boolean {
  return (
    reader.isAdmin ||
    reader.role === 'facilitator' ||
    reader.id === member.userId ||
    (reader.organizationId !== null && reader.organizationId === member.organizationId)
  );
}
