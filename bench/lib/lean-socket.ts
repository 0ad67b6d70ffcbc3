/**
 * A Socket.IO v4 client over a bare WebSocket (lib/raw-ws.js, or `ws`), speaking exactly the wire protocol socket.io-client speaks on
 * the websocket transport (Engine.IO v4 open/ping/pong, Socket.IO CONNECT with `auth`, EVENT, ACK, DISCONNECT),
 * but handing received frames to the caller as raw Buffers instead of parsing every one into objects. One
 * generator process can then receive ~4x more deliveries per CPU second than with socket.io-client, which keeps
 * the load generator off the saturation limit it would otherwise hit before the server does. `kind: 'sio'` in
 * the generator swaps in the real socket.io-client to cross-check at low rates.
 */
import WebSocket from 'ws';
import type { Socket as SioClient } from 'socket.io-client';
import { RawWebSocket } from './raw-ws';

/** The WebSocket under the lean client: the in-place frame parser by default, `ws` with BENCH_WS=ws. */
const useWs = process.env.BENCH_WS === 'ws';

const OPEN = 0x30; // '0'
const CLOSE = 0x31; // '1'
const PING = 0x32; // '2'
const MESSAGE = 0x34; // '4'
const SIO_CONNECT = 0x30;
const SIO_DISCONNECT = 0x31;
const SIO_EVENT = 0x32;
const SIO_ACK = 0x33;
const SIO_CONNECT_ERROR = 0x34;

export const now = (): number => performance.timeOrigin + performance.now();

/** What the product (and the baseline) acknowledge a socket event with. */
export interface AckAnswer<D = unknown> {
  ok?: boolean;
  data?: D;
  error?: unknown;
}

export type OnEvent = (frame: Buffer, receivedAt: number) => void;

/** The client interface the generator drives: the lean client, or socket.io-client for cross-checks. */
export interface BenchSocket {
  readonly connected: boolean;
  onClose: ((reason: string) => void) | null;
  connect(timeoutMs?: number): Promise<BenchSocket>;
  emitWithAck<D = unknown>(
    event: string,
    payload: object,
    timeoutMs?: number,
  ): Promise<{ answer: AckAnswer<D>; receivedAt: number }>;
  /** Calls `fn` once the connection has closed; false when there is no connection to wait for. */
  onceClosed(fn: () => void): boolean;
  close(): void;
  terminate(): void;
}

export type BenchSocketClass = new (baseUrl: string, auth: object, onEvent: OnEvent) => BenchSocket;

/** What the lean client needs of its WebSocket: the in-place parser's interface, which `ws` also offers. */
interface Transport {
  readonly readyState: number;
  on(event: 'message', fn: (data: Buffer, isBinary: boolean) => void): unknown;
  on(event: 'error', fn: (error: Error) => void): unknown;
  on(event: 'close', fn: () => void): unknown;
  once(event: 'close', fn: () => void): unknown;
  send(text: string): void;
  close(): void;
  terminate(): void;
}

interface PendingAck {
  resolve: (value: { answer: AckAnswer<never>; receivedAt: number }) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class LeanSocket implements BenchSocket {
  private readonly url: string;
  private ws: Transport | null = null;
  connected = false;
  closedReason: string | null = null;
  private ackId = 0;
  private readonly pending = new Map<number, PendingAck>();
  onClose: ((reason: string) => void) | null = null;

  /**
   * @param baseUrl http://host:port
   * @param auth the handshake's auth payload ({ token })
   * @param onEvent every server EVENT frame ("42[...]")
   */
  constructor(
    baseUrl: string,
    private readonly auth: object,
    private readonly onEvent: OnEvent,
  ) {
    this.url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  }

  /** Resolves once the server accepted the Socket.IO CONNECT (the namespace handshake, auth included). */
  connect(timeoutMs = 30_000): Promise<BenchSocket> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('connect timeout'));
        this.terminate();
      }, timeoutMs);
      const ws: Transport = useWs
        ? new WebSocket(this.url, { perMessageDeflate: false, skipUTF8Validation: true })
        : new RawWebSocket(this.url);
      this.ws = ws;
      ws.on('message', (data, isBinary) => {
        const receivedAt = now();
        if (isBinary || data.length === 0) return;
        const type = data[0];
        if (type === MESSAGE) {
          const sio = data[1];
          if (sio === SIO_EVENT) return this.onEvent(data, receivedAt);
          if (sio === SIO_ACK) return this.handleAck(data, receivedAt);
          if (sio === SIO_CONNECT) {
            this.connected = true;
            clearTimeout(timer);
            return resolve(this);
          }
          if (sio === SIO_CONNECT_ERROR) {
            clearTimeout(timer);
            reject(new Error(`refused: ${data.toString('utf8', 2)}`));
            return this.terminate();
          }
          if (sio === SIO_DISCONNECT) {
            this.closedReason = 'io server disconnect';
            return this.terminate();
          }
          return undefined;
        }
        if (type === PING) return ws.send('3');
        if (type === OPEN) return ws.send(`40${JSON.stringify(this.auth)}`);
        if (type === CLOSE) return this.terminate();
        return undefined;
      });
      ws.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on('close', () => {
        clearTimeout(timer);
        const wasConnected = this.connected;
        this.connected = false;
        this.closedReason ??= 'transport close';
        for (const { reject: fail, timer: t } of this.pending.values()) {
          clearTimeout(t);
          fail(new Error(this.closedReason));
        }
        this.pending.clear();
        if (wasConnected && this.onClose) this.onClose(this.closedReason);
        reject(new Error(`closed before connecting (${this.closedReason})`));
      });
    });
  }

  /** Emits an event with an acknowledgement; resolves with the server's answer (parsed) and its arrival time. */
  emitWithAck<D = unknown>(
    event: string,
    payload: object,
    timeoutMs = 30_000,
  ): Promise<{ answer: AckAnswer<D>; receivedAt: number }> {
    return new Promise((resolve, reject) => {
      const ws = this.ws;
      if (!this.connected || !ws) return reject(new Error('not connected'));
      const id = ++this.ackId;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('ack timeout'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  /** Emits an event without an acknowledgement (typing: the server answers nothing). */
  emit(event: string, payload: object): void {
    if (this.connected && this.ws) this.ws.send(`42${JSON.stringify([event, payload])}`);
  }

  private handleAck(data: Buffer, receivedAt: number): void {
    let i = 2;
    let id = 0;
    while (i < data.length && data[i] >= 0x30 && data[i] <= 0x39) id = id * 10 + (data[i++] - 0x30);
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    const args = JSON.parse(data.toString('utf8', i)) as [AckAnswer<never>];
    entry.resolve({ answer: args[0], receivedAt });
  }

  /** A clean leave: Socket.IO DISCONNECT, then the WebSocket close, as socket.disconnect() does. */
  onceClosed(fn: () => void): boolean {
    if (!this.ws) return false;
    this.ws.once('close', fn);
    return true;
  }

  close(): void {
    if (!this.ws) return;
    this.closedReason = 'io client disconnect';
    if (this.ws.readyState === 1) this.ws.send('41');
    this.ws.close();
  }

  terminate(): void {
    this.ws?.terminate();
  }
}

/** The same interface over the real socket.io-client, for cross-checks. Frames are handed on re-serialized. */
export class SioSocket implements BenchSocket {
  private readonly socket: SioClient;
  onClose: ((reason: string) => void) | null = null;

  constructor(baseUrl: string, auth: object, onEvent: OnEvent) {
    // Required lazily so the lean path never loads it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed by the import type above
    const { io } = require('socket.io-client') as typeof import('socket.io-client');
    this.socket = io(baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth,
      autoConnect: false,
    });
    this.socket.on('event', (event: unknown) => onEvent(Buffer.from(`42${JSON.stringify(['event', event])}`), now()));
    this.socket.on('disconnect', (reason) => this.onClose?.(reason));
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  connect(timeoutMs = 30_000): Promise<BenchSocket> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connect timeout')), timeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve(this);
      });
      this.socket.once('connect_error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      this.socket.connect();
    });
  }

  async emitWithAck<D = unknown>(
    event: string,
    payload: object,
    timeoutMs = 30_000,
  ): Promise<{ answer: AckAnswer<D>; receivedAt: number }> {
    const answer = (await this.socket.timeout(timeoutMs).emitWithAck(event, payload)) as AckAnswer<D>;
    return { answer, receivedAt: now() };
  }

  onceClosed(fn: () => void): boolean {
    this.socket.once('disconnect', () => fn());
    return true;
  }

  close(): void {
    this.socket.disconnect();
  }

  terminate(): void {
    this.socket.io.engine?.close();
  }
}
