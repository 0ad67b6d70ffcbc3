import { signal } from '@preact/signals';
import { onConnected, onServer, request } from './socket';

/** Who is online, per group; filled by `presence.get` when a group is opened and kept by `presence` pushes. */
export const online = signal<Record<string, string[]>>({});

/** Who is typing, per thread: name and until when the hint is shown. */
export const typing = signal<Record<string, Record<string, { name: string; until: number }>>>({});

const TYPING_SHOWN_MS = 4_000;
const watched = new Set<string>();

function setOnline(groupId: string, userIds: string[]): void {
  online.value = { ...online.value, [groupId]: [...new Set(userIds)].sort() };
}

async function load(groupId: string): Promise<void> {
  try {
    const { userIds } = await request('presence.get', { groupId });
    setOnline(groupId, userIds);
  } catch {
    // Presence is a hint: a failure leaves the last known list.
  }
}

/** Keeps a group's presence current while it is on screen. */
export function watchPresence(groupId: string): () => void {
  watched.add(groupId);
  void load(groupId);
  return () => watched.delete(groupId);
}

export function startPresence(): void {
  onConnected(() => {
    for (const groupId of watched) void load(groupId);
  });
  onServer('presence', ({ groupId, userId, online: isOnline }) => {
    const current = online.value[groupId] ?? [];
    setOnline(groupId, isOnline ? [...current, userId] : current.filter((id) => id !== userId));
  });
  onServer('typing', ({ threadId, userId, displayName }) => {
    if (!threadId) return;
    const until = Date.now() + TYPING_SHOWN_MS;
    typing.value = {
      ...typing.value,
      [threadId]: { ...typing.value[threadId], [userId]: { name: displayName, until } },
    };
    setTimeout(expireTyping, TYPING_SHOWN_MS + 50);
  });
}

function expireTyping(): void {
  const now = Date.now();
  const next: typeof typing.value = {};
  for (const [threadId, people] of Object.entries(typing.value)) {
    const still = Object.fromEntries(Object.entries(people).filter(([, p]) => p.until > now));
    if (Object.keys(still).length) next[threadId] = still;
  }
  typing.value = next;
}

/** A message from someone ends their typing hint at once. */
export function stopTyping(threadId: string, userId: string): void {
  const people = typing.value[threadId];
  if (!people?.[userId]) return;
  const { [userId]: _gone, ...rest } = people;
  typing.value = { ...typing.value, [threadId]: rest };
}
