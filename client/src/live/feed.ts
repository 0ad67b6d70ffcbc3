import { api, withQuery } from '../api/http';
import type { ClientEvents, ClientEventType, FeedEvent } from '../api/server-types';
import type { CatchUp } from '../api/server-types';
import { SeqOrder } from './seq-order';
import { isConnected, onConnected, onServer, request } from './socket';

/**
 * The client half of the delivery guarantee: live pushes and catch-up pages go through one SeqOrder, which applies
 * each group's seq exactly once and in order; a gap is filled by catch-up (`sync` over the socket, REST as a
 * fallback), from every (re)connect too. Views subscribe to applied events only, so they never see a duplicate or
 * an out-of-order change.
 */

type Listener = (event: FeedEvent) => void;

const order = new SeqOrder();
const inFlight = new Map<string, Promise<void>>();
const again = new Set<string>();
const listeners = new Set<Listener>();
const resyncListeners = new Set<(groupId: string) => void>();

const CATCH_UP_PAGE = 500;
/** The server may still be joining a fresh socket to its rooms when the first sync runs: look once more. */
const SETTLE_MS = 1_500;

/** Starts following a group from the seq its state was loaded at; a group already followed keeps its cursor. */
export function follow(groupId: string, lastSeq: number): void {
  order.follow(groupId, lastSeq);
}

export function unfollow(groupId: string): void {
  order.unfollow(groupId);
}

export function resetFeed(): void {
  order.clear();
}

export function onFeed(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Typed subscription to one group's events of some types: `data` is the union of those types' DTOs. */
export function onGroupEvent<T extends ClientEventType>(
  groupId: string,
  types: T[],
  handler: (data: ClientEvents[T], event: FeedEvent<T>) => void,
): () => void {
  // Spelled out for a generic T, which TypeScript does not resolve through the union's members.
  const ofTypes = (event: FeedEvent): event is FeedEvent<T> & { data: ClientEvents[T] } =>
    (types as ClientEventType[]).includes(event.type);
  return onFeed((event) => {
    if (event.groupId === groupId && ofTypes(event)) handler(event.data, event);
  });
}

/** The server no longer has the events after our cursor: whoever shows this group's state must reload it. */
export function onResync(listener: (groupId: string) => void): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}

function receive(event: FeedEvent, fromCatchUp = false): void {
  const { ready, gap } = order.accept(event);
  for (const next of ready) apply(next);
  // A gap found by a live push is filled by catch-up; one left inside a catch-up page is its next page's job.
  if (gap && !fromCatchUp) void catchUp(event.groupId);
}

function apply(event: FeedEvent): void {
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
        const after = order.cursor(groupId);
        if (after === undefined) return;
        const answer = await fetchAfter(groupId, after);
        if (answer.resync) {
          order.jump(groupId, answer.lastSeq);
          for (const listener of resyncListeners) listener(groupId);
          break;
        }
        for (const event of answer.events) receive(event, true);
        if (!answer.hasMore) break;
      }
    } while (again.has(groupId));
    // Still holding events after a gap (its event was not stored yet when the page was read): look again soon.
    if (order.hasGap(groupId)) setTimeout(() => void catchUp(groupId), 1_000);
  })()
    .catch((error: unknown) => console.warn('catch-up failed; retried on the next connect', error))
    .finally(() => inFlight.delete(groupId));
  inFlight.set(groupId, run);
  return run;
}

function catchUpAll(): void {
  for (const groupId of order.groups()) void catchUp(groupId);
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
