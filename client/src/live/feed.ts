import { api, withQuery } from '../api/http';
import type { ClientEvents, ClientEventType, FeedEvent } from '../api/server-types';
import type { CatchUp } from './socket-events';
import { isConnected, onConnected, onServer, request } from './socket';

/**
 * The client half of the delivery guarantee. Every group's events carry a gap-free `seq`; this applies each seq
 * exactly once and in order, holds back an event that arrives after a gap, and fills the gap by catch-up
 * (`sync` over the socket, REST as a fallback). Views subscribe to applied events only, so they never see a
 * duplicate or an out-of-order change.
 */

type Listener = (event: FeedEvent) => void;

const cursors = new Map<string, number>();
const heldBack = new Map<string, Map<number, FeedEvent>>();
const inFlight = new Map<string, Promise<void>>();
const again = new Set<string>();
const listeners = new Set<Listener>();
const resyncListeners = new Set<(groupId: string) => void>();

const CATCH_UP_PAGE = 500;
/** The server may still be joining a fresh socket to its rooms when the first sync runs: look once more. */
const SETTLE_MS = 1_500;

/** Starts following a group from the seq its state was loaded at; a group already followed keeps its cursor. */
export function follow(groupId: string, lastSeq: number): void {
  if (!cursors.has(groupId)) cursors.set(groupId, lastSeq);
}

export function unfollow(groupId: string): void {
  cursors.delete(groupId);
  heldBack.delete(groupId);
}

export function resetFeed(): void {
  cursors.clear();
  heldBack.clear();
}

export function onFeed(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Typed subscription to one group's events of some types. */
export function onGroupEvent<T extends ClientEventType>(
  groupId: string,
  types: T[],
  handler: (data: ClientEvents[T], event: FeedEvent<T>) => void,
): () => void {
  return onFeed((event) => {
    if (event.groupId === groupId && (types as string[]).includes(event.type)) {
      handler(event.data as ClientEvents[T], event as FeedEvent<T>);
    }
  });
}

/** The server no longer has the events after our cursor: whoever shows this group's state must reload it. */
export function onResync(listener: (groupId: string) => void): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}

function receive(event: FeedEvent, fromCatchUp = false): void {
  const { groupId, seq } = event;
  const cursor = cursors.get(groupId);
  if (cursor === undefined) {
    // A group this tab did not follow yet (just joined): its state is loaded fresh when shown.
    cursors.set(groupId, seq - 1);
    return receive(event, fromCatchUp);
  }
  if (seq <= cursor) return; // already applied (a live push and its catch-up copy, or a recovered packet)
  if (seq > cursor + 1) {
    const held = heldBack.get(groupId) ?? new Map<number, FeedEvent>();
    held.set(seq, event);
    heldBack.set(groupId, held);
    if (!fromCatchUp) void catchUp(groupId);
    return;
  }
  apply(event);
  const held = heldBack.get(groupId);
  while (held?.has((cursors.get(groupId) ?? 0) + 1)) {
    const next = held.get(cursors.get(groupId)! + 1)!;
    held.delete(next.seq);
    apply(next);
  }
}

function apply(event: FeedEvent): void {
  cursors.set(event.groupId, event.seq);
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      console.error('feed listener failed', error);
    }
  }
}

async function fetchAfter(groupId: string, after: number): Promise<CatchUp> {
  try {
    return await request('sync', { groupId, after, limit: CATCH_UP_PAGE });
  } catch {
    return api<CatchUp>('GET', withQuery(`/groups/${groupId}/events`, { after, limit: CATCH_UP_PAGE }));
  }
}

/** Everything after the group's cursor, in order; one catch-up per group at a time, repeated if asked meanwhile. */
export function catchUp(groupId: string): Promise<void> {
  const running = inFlight.get(groupId);
  if (running) {
    again.add(groupId);
    return running;
  }
  const run = (async () => {
    do {
      again.delete(groupId);
      for (let page = 0; page < 100; page++) {
        const after = cursors.get(groupId);
        if (after === undefined) return;
        const answer = await fetchAfter(groupId, after);
        if (answer.resync) {
          cursors.set(groupId, answer.lastSeq);
          heldBack.delete(groupId);
          for (const listener of resyncListeners) listener(groupId);
          break;
        }
        for (const event of answer.events) receive(event, true);
        if (!answer.hasMore) break;
      }
    } while (again.has(groupId));
  })()
    .catch((error: unknown) => console.warn('catch-up failed; retried on the next connect', error))
    .finally(() => inFlight.delete(groupId));
  inFlight.set(groupId, run);
  return run;
}

function catchUpAll(): void {
  for (const groupId of cursors.keys()) void catchUp(groupId);
}

let settleTimer: ReturnType<typeof setTimeout> | undefined;
export function startFeed(): void {
  onServer('event', (event) => receive(event));
  onConnected(() => {
    catchUpAll();
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => isConnected() && catchUpAll(), SETTLE_MS);
  });
}
