'use strict';
/**
 * A Socket.IO v4 client over a bare WebSocket (lib/raw-ws.js, or `ws`), speaking exactly the wire protocol socket.io-client speaks on
 * the websocket transport (Engine.IO v4 open/ping/pong, Socket.IO CONNECT with `auth`, EVENT, ACK, DISCONNECT),
 * but handing received frames to the caller as raw Buffers instead of parsing every one into objects. One
 * generator process can then receive ~4x more deliveries per CPU second than with socket.io-client, which keeps
 * the load generator off the saturation limit it would otherwise hit before the server does. `kind: 'sio'` in
 * the generator swaps in the real socket.io-client to cross-check at low rates.
 */
const WebSocket = require('ws');
const { RawWebSocket } = require('./raw-ws');

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

const now = () => performance.timeOrigin + performance.now();

class LeanSocket {
  /**
   * @param {string} baseUrl http://host:port
   * @param {object} auth the handshake's auth payload ({ token })
   * @param {(frame: Buffer, receivedAt: number) => void} onEvent every server EVENT frame ("42[...]")
   */
  constructor(baseUrl, auth, onEvent) {
    this.url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    this.auth = auth;
    this.onEvent = onEvent;
    this.connected = false;
    this.closedReason = null;
    this.ackId = 0;
    this.pending = new Map();
    this.onClose = null;
  }

  /** Resolves once the server accepted the Socket.IO CONNECT (the namespace handshake, auth included). */
  connect(timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('connect timeout'));
        this.terminate();
      }, timeoutMs);
      const ws = useWs
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
  emitWithAck(event, payload, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      if (!this.connected) return reject(new Error('not connected'));
      const id = ++this.ackId;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('ack timeout'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  handleAck(data, receivedAt) {
    let i = 2;
    let id = 0;
    while (i < data.length && data[i] >= 0x30 && data[i] <= 0x39) id = id * 10 + (data[i++] - 0x30);
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    const args = JSON.parse(data.toString('utf8', i));
    entry.resolve({ answer: args[0], receivedAt });
  }

  /** A clean leave: Socket.IO DISCONNECT, then the WebSocket close, as socket.disconnect() does. */
  close() {
    if (!this.ws) return;
    this.closedReason = 'io client disconnect';
    if (this.ws.readyState === 1) this.ws.send('41');
    this.ws.close();
  }

  terminate() {
    this.ws?.terminate();
  }
}

/** The same interface over the real socket.io-client, for cross-checks. Frames are handed on re-serialized. */
class SioSocket {
  constructor(baseUrl, auth, onEvent) {
    // Required lazily so the lean path never loads it.
    const { io } = require('socket.io-client');
    this.socket = io(baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth,
      autoConnect: false,
    });
    this.onEvent = onEvent;
    this.socket.on('event', (event) => onEvent(Buffer.from(`42${JSON.stringify(['event', event])}`), now()));
    this.onClose = null;
    this.socket.on('disconnect', (reason) => this.onClose?.(reason));
  }

  get connected() {
    return this.socket.connected;
  }

  connect(timeoutMs = 30_000) {
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

  async emitWithAck(event, payload, timeoutMs = 30_000) {
    const answer = await this.socket.timeout(timeoutMs).emitWithAck(event, payload);
    return { answer, receivedAt: now() };
  }

  close() {
    this.socket.disconnect();
  }

  terminate() {
    this.socket.io.engine?.close();
  }
}

module.exports = { LeanSocket, SioSocket, now };
