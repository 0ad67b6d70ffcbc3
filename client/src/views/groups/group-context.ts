import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MemberDto, MyGroupDto } from '../../api/server-types';

export interface GroupContextValue {
  group: MyGroupDto;
  members: MemberDto[];
  /** Facilitators and the workspace admin manage the group. */
  canManage: boolean;
  /** Observers read only; an archived group is read-only for everyone. */
  canWrite: boolean;
  memberName: (userId: string) => string | undefined;
  /** A screen that changed the group (settings, archive) shows the answer at once, before its live event. */
  replaceGroup: (group: MyGroupDto) => void;
}

export const GroupContext = createContext<GroupContextValue | null>(null);

export function useGroup(): GroupContextValue {
  const value = useContext(GroupContext);
  if (!value) throw new Error('useGroup outside a group screen');
  return value;
}
