import { io, Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/realtime/socket-protocol';
import type { FeedEvent } from '../../src/events/events';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io-client over websocket, authenticated the way the web client is. */
export function openSocket(url: string, token: string | undefined, options: Record<string, unknown> = {}): TestSocket {
  return io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: token === undefined ? {} : { token },
    ...options,
  });
}

export function connected(socket: TestSocket, timeoutMs = 5000): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve(socket);
    const timer = setTimeout(() => reject(new Error('socket did not connect')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export async function connect(url: string, token: string): Promise<TestSocket> {
  return connected(openSocket(url, token));
}

/** The handshake's refusal, as `connect_error` reports it. */
export function refusal(socket: TestSocket, timeoutMs = 5000): Promise<Error> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket was neither refused nor connected')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      reject(new Error('socket connected but should have been refused'));
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

/** Every feed event a socket receives, in arrival order. */
export function recordEvents(socket: TestSocket): FeedEvent[] {
  const events: FeedEvent[] = [];
  socket.on('event', (event) => events.push(event));
  return events;
}

export async function waitFor(check: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
