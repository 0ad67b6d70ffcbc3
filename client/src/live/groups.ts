import { signal } from '@preact/signals';
import { listGroups, listThreads } from '../api/groups';
import type { MyGroupDto } from '../api/server-types';
import { currentUser } from '../api/session';
import { catchUp, follow, onFeed, onResync, unfollow } from './feed';
import { onServer } from './socket';

/** The signed-in user's groups, with unread message counts, kept live from the change feed. */
export const groups = signal<MyGroupDto[] | null>(null);
export const groupUnread = signal<Record<string, number>>({});
/** The thread on screen: its new messages are read as they arrive, so they do not count as unread. */
export const activeThreadId = signal<string | null>(null);

export async function loadGroups(): Promise<void> {
  const list = await listGroups();
  for (const group of list) follow(group.id, group.lastSeq);
  groups.value = list;
  await Promise.all(list.map((group) => loadUnread(group.id)));
}

/** Unread of a group: the sum over its threads (the group DTO has no such count). */
export async function loadUnread(groupId: string): Promise<void> {
  try {
    const threads = await listThreads(groupId);
    const count = threads.reduce((sum, thread) => sum + thread.unreadCount, 0);
    groupUnread.value = { ...groupUnread.value, [groupId]: count };
  } catch {
    // A group just left: its badge simply goes.
  }
}

function removeGroup(groupId: string): void {
  unfollow(groupId);
  groups.value = (groups.value ?? []).filter((g) => g.id !== groupId);
  const { [groupId]: _gone, ...rest } = groupUnread.value;
  groupUnread.value = rest;
}

let started = false;
export function startGroups(): void {
  if (started) return;
  started = true;
  onFeed((event) => {
    const me = currentUser.value?.id;
    switch (event.type) {
      case 'message.created': {
        const message = event.data;
        if (message.author?.id !== me && message.threadId !== activeThreadId.value) {
          groupUnread.value = { ...groupUnread.value, [event.groupId]: (groupUnread.value[event.groupId] ?? 0) + 1 };
        }
        break;
      }
      case 'group.updated': {
        const group = event.data;
        groups.value = (groups.value ?? []).map((g) => (g.id === group.id ? { ...g, ...group, myRole: g.myRole } : g));
        break;
      }
      case 'member.removed':
        if (event.data.userId === me) removeGroup(event.groupId);
        break;
      case 'member.added':
      case 'member.updated':
        if (event.data.userId === me) void loadGroups();
        break;
    }
  });
  // Added to a group: the socket joins its room, and the notification says so; load the list again.
  onServer('notification', (n) => {
    if (n.type === 'member.added' || n.type === 'member.role-changed')
      void loadGroups().then(() => {
        if (n.groupId) void catchUp(n.groupId);
      });
  });
  onResync((groupId) => void loadUnread(groupId));
}

export function clearGroups(): void {
  groups.value = null;
  groupUnread.value = {};
}
