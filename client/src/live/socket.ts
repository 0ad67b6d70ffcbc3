import { signal } from '@preact/signals';
import { io, type Socket } from 'socket.io-client';
import { sayError } from '../api/error-text';
import { session } from '../api/session';
import { locale } from '../i18n/i18n';
import type { Ack, ClientToServerEvents, ErrorResponse, ServerToClientEvents } from '../api/server-types';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'too-many';

/** Shown in the header: connected, reconnecting (the socket is retrying) or offline (the browser says so). */
export const connectionState = signal<ConnectionState>('connecting');

type TansiqSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Handlers = { [K in keyof ServerToClientEvents]: Set<ServerToClientEvents[K]> };

let socket: TansiqSocket | null = null;
const handlers: Handlers = {
  event: new Set(),
  notification: new Set(),
  presence: new Set(),
  typing: new Set(),
  'auth.expired': new Set(),
  // The node is leaving; the transport closes next and Socket.IO reconnects (to another node) and catches up.
  'server.shutdown': new Set(),
};
const connectHandlers = new Set<() => void>();

/** A refused socket request, with the API's error shape (or a timeout / disconnect). */
export class SocketRequestError extends Error {
  constructor(
    message: string,
    readonly error: ErrorResponse | null,
  ) {
    super(message);
  }
}

/** Subscribes to a server push for the whole session; survives reconnects. */
export function onServer<K extends keyof ServerToClientEvents>(name: K, handler: ServerToClientEvents[K]): () => void {
  (handlers[name] as Set<ServerToClientEvents[K]>).add(handler);
  return () => (handlers[name] as Set<ServerToClientEvents[K]>).delete(handler);
}

/** Runs on every (re)connect: the moment to catch up on what was missed and to resend what is pending. */
export function onConnected(handler: () => void): () => void {
  connectHandlers.add(handler);
  if (socket?.connected) handler();
  return () => connectHandlers.delete(handler);
}

export const isConnected = () => socket?.connected === true;

/** One socket per tab, same origin, the current access token in the handshake (read again on every reconnect). */
export function startSocket(): void {
  if (socket) return;
  const next: TansiqSocket = io({
    auth: (give) => give({ token: session.accessToken() ?? '', locale: locale.value }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  socket = next;
  connectionState.value = navigator.onLine ? 'connecting' : 'offline';

  next.on('connect', () => {
    connectionState.value = 'connected';
    for (const handler of connectHandlers) handler();
  });
  next.on('disconnect', (reason) => {
    connectionState.value = navigator.onLine ? 'reconnecting' : 'offline';
    // The server closed it (logout elsewhere, revoked session, membership moves): try again with a fresh token.
    if (reason === 'io server disconnect') void reconnectWithFreshToken();
  });
  next.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    if (error.data?.code === 'too-many-sockets') {
      // The server's cap on one user's sockets (other tabs or devices): say so, try again later, not at once.
      connectionState.value = 'too-many';
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket === next && !next.connected && next.connect(), 30_000);
      return;
    }
    connectionState.value = navigator.onLine ? 'reconnecting' : 'offline';
    // A refused handshake (expired token) is not retried by Socket.IO itself: refresh, then reconnect.
    if (!next.active) void reconnectWithFreshToken();
  });
  for (const name of Object.keys(handlers) as (keyof ServerToClientEvents)[]) {
    next.on(name, ((payload: never) => {
      for (const handler of handlers[name] as Set<(payload: never) => void>) handler(payload);
    }) as never);
  }
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;
async function reconnectWithFreshToken(): Promise<void> {
  const current = socket;
  if (!current) return;
  const refreshed = await session.refresh();
  if (socket !== current) return;
  if (!refreshed && !session.accessToken()) return; // signed out
  clearTimeout(retryTimer);
  // Back off a little so a server that keeps refusing is not hammered.
  retryTimer = setTimeout(() => socket === current && !current.connected && current.connect(), refreshed ? 0 : 3_000);
}

/**
 * The server closes a socket whose access token expired (after a short grace): every token the session refreshes
 * to is handed to the open socket, so a normal user never sees it close. A refusal means the session is over or
 * changed: reconnect with whatever token the session has now.
 */
session.onToken((token) => {
  const current = socket;
  if (!current?.connected) return; // the next handshake carries the new token anyway
  request('auth.refresh', { token }).catch((error: SocketRequestError) => {
    if (error.error?.statusCode === 401 && socket === current) {
      current.disconnect();
      void reconnectWithFreshToken();
    }
  });
});

export function stopSocket(): void {
  clearTimeout(retryTimer);
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
  connectionState.value = 'connecting';
}

/** Emits with an acknowledgement; rejects on `{ ok: false }`, on a timeout and when not connected. */
export function request<K extends 'sync' | 'presence.get' | 'message.send' | 'auth.refresh'>(
  name: K,
  payload: Parameters<ClientToServerEvents[K]>[0],
  timeoutMs = 10_000,
): Promise<Parameters<Parameters<ClientToServerEvents[K]>[1]>[0] extends Ack<infer T> ? T : never> {
  return new Promise((resolve, reject) => {
    if (!socket?.connected) return reject(new SocketRequestError('not connected', null));
    // Socket.IO's own buffering would replay this after a reconnect on top of our retries: only send when connected.
    const timed = socket.timeout(timeoutMs) as unknown as {
      emit(name: string, payload: unknown, ack: (error: Error | null, answer: Ack<unknown>) => void): void;
    };
    timed.emit(name, payload, (error, answer) => {
      if (error) return reject(new SocketRequestError(error.message, null));
      if (!answer.ok) return reject(new SocketRequestError(sayError(answer.error), answer.error));
      resolve(answer.data as never);
    });
  });
}

export function sendTyping(groupId: string, threadId: string): void {
  if (socket?.connected) socket.emit('typing', { groupId, threadId });
}

// The browser knows before any ping times out: close at once when offline, reconnect at once when back.
window.addEventListener('offline', () => {
  if (!socket) return;
  connectionState.value = 'offline';
  socket.disconnect();
});
window.addEventListener('online', () => {
  if (!socket) return;
  connectionState.value = 'reconnecting';
  socket.connect();
});
