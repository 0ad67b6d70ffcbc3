import { Permission, Role } from './permission';

export interface AccessRule {
  /** Group roles that hold the permission. */
  roles: readonly Role[];
  /** The workspace admin holds it in every group, member or not. */
  admin: boolean;
  /** A write: refused in an archived group, whoever asks. */
  write: boolean;
}

const READERS: Role[] = ['facilitator', 'member', 'observer'];
const WRITERS: Role[] = ['facilitator', 'member'];
const FACILITATORS: Role[] = ['facilitator'];

/** The one table of who may do what in a working group. */
export const ACCESS_RULES: Record<Permission, AccessRule> = {
  [Permission.GroupRead]: { roles: READERS, admin: true, write: false },
  [Permission.GroupUpdate]: { roles: FACILITATORS, admin: true, write: true },
  // Archiving is allowed on an archived group: it is how one unarchives.
  [Permission.GroupArchive]: { roles: FACILITATORS, admin: true, write: false },
  [Permission.MemberManage]: { roles: FACILITATORS, admin: true, write: true },
  [Permission.MembershipLeave]: { roles: READERS, admin: false, write: true },
  [Permission.InvitationRead]: { roles: FACILITATORS, admin: true, write: false },
  [Permission.InvitationManage]: { roles: FACILITATORS, admin: true, write: true },
  [Permission.AuditRead]: { roles: FACILITATORS, admin: true, write: false },
  // Seeing a group's tokens, and revoking one: taking access away is never refused for an archived group.
  [Permission.ApiTokenRead]: { roles: FACILITATORS, admin: true, write: false },
  // Creating one adds its service account to the group, like adding a member.
  [Permission.ApiTokenManage]: { roles: FACILITATORS, admin: true, write: true },
  // Members only: the admin outside a group has no preference to keep there.
  [Permission.NotificationPreference]: { roles: READERS, admin: false, write: false },
  [Permission.EventRead]: { roles: READERS, admin: true, write: false },
  // Typing announces a message on its way: only those who may post.
  [Permission.Typing]: { roles: WRITERS, admin: false, write: true },
  // Observers read everything and write nothing; the admin outside a group takes no part in its discussion.
  [Permission.ThreadCreate]: { roles: WRITERS, admin: false, write: true },
  [Permission.MessagePost]: { roles: WRITERS, admin: false, write: true },
  [Permission.ReactionToggle]: { roles: WRITERS, admin: false, write: true },
  [Permission.PositionTake]: { roles: WRITERS, admin: false, write: true },
  // Pinning, editing others' threads, deleting others' messages, closing recommendations: facilitators.
  [Permission.ThreadModerate]: { roles: FACILITATORS, admin: true, write: true },
  [Permission.MessageModerate]: { roles: FACILITATORS, admin: true, write: true },
  [Permission.RecommendationClose]: { roles: FACILITATORS, admin: true, write: true },
  // Facilitators create, assign, reassign and cancel action items.
  [Permission.ActionManage]: { roles: FACILITATORS, admin: true, write: true },
  // Status and progress notes: writers, and only those responsible for the item (checked on the item itself).
  [Permission.ActionWork]: { roles: WRITERS, admin: false, write: true },
  [Permission.ActionComment]: { roles: WRITERS, admin: false, write: true },
};

export type Decision = 'allow' | 'hidden' | 'archived';

/** Who asks, as far as the rules care: an API token's access caps the role of its service account. */
export interface Asker {
  isAdmin: boolean;
  apiToken?: { access: 'read' | 'read-write' };
}

/**
 * A read token acts as an observer and a read-write token as a member at most, whatever role its account was given
 * since: a token never writes beyond what it was created for, and never manages a group (or mints more tokens).
 */
export function effectiveRole(user: Asker, role: Role | null): Role | null {
  if (!user.apiToken || role === null) return role;
  if (user.apiToken.access === 'read') return 'observer';
  return role === 'facilitator' ? 'member' : role;
}

/** Pure: the decision for one group given what the database says about it and the user. */
export function decide(
  rule: AccessRule,
  user: Asker,
  group: { role: Role | null; archived: boolean } | undefined,
): Decision {
  if (!group) return 'hidden';
  const role = effectiveRole(user, group.role);
  const granted = (user.isAdmin && rule.admin) || (role !== null && rule.roles.includes(role));
  if (!granted) {
    // A member without the permission may know the group exists; anyone else may not.
    return 'hidden';
  }
  return rule.write && group.archived ? 'archived' : 'allow';
}
