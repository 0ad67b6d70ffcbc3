/**
 * A minimal RFC 6455 WebSocket client on a bare TCP socket, for the load generator only: it parses the server's
 * frames in place and hands each text payload on as a view into the received chunk (valid only during the call),
 * where `ws` allocates, copies and emits per frame. Receiving is what a fan-out benchmark's generator does most;
 * this keeps its cost per delivery at a fraction of the server's. Client frames are masked as the RFC requires.
 * Supports what Socket.IO uses: unfragmented text frames, ping/pong, close. No extensions (no permessage-deflate).
 */
import net from 'node:net';
import { EventEmitter } from 'node:events';
import { createHash, randomBytes } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

export class RawWebSocket extends EventEmitter {
  static readonly OPEN = OPEN;
  readyState: number;
  private readonly key: string;
  private pending: Buffer | null;
  private fragments: { opcode: number; parts: Buffer[] } | null;
  private readonly socket: net.Socket;
  private handshake: Buffer | null;

  constructor(url: string) {
    super();
    const u = new URL(url);
    this.readyState = CONNECTING;
    this.key = randomBytes(16).toString('base64');
    this.pending = null; // bytes of an incomplete frame
    this.fragments = null;
    this.socket = net.connect({ host: u.hostname, port: Number(u.port), noDelay: true });
    this.socket.once('connect', () => {
      this.socket.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${this.key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    this.handshake = Buffer.alloc(0);
    this.socket.on('data', (chunk) => (this.readyState === CONNECTING ? this.onHandshake(chunk) : this.onData(chunk)));
    this.socket.on('error', (error) => this.emit('error', error));
    this.socket.on('close', () => {
      this.readyState = CLOSED;
      this.emit('close');
    });
  }

  private onHandshake(chunk: Buffer): void {
    this.handshake = Buffer.concat([this.handshake ?? Buffer.alloc(0), chunk]);
    const end = this.handshake.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.handshake.toString('latin1', 0, end);
    const accept = createHash('sha1')
      .update(this.key + GUID)
      .digest('base64');
    if (
      !/^HTTP\/1\.1 101/.test(head) ||
      !head.toLowerCase().includes(`sec-websocket-accept: ${accept.toLowerCase()}`)
    ) {
      this.emit('error', new Error(`websocket upgrade refused: ${head.split('\r\n')[0]}`));
      return this.terminate();
    }
    this.readyState = OPEN;
    const rest = this.handshake.subarray(end + 4);
    this.handshake = null;
    this.emit('open');
    if (rest.length) this.onData(rest);
  }

  private onData(chunk: Buffer): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let i = 0;
    while (i + 2 <= buf.length) {
      const b0 = buf[i];
      const b1 = buf[i + 1];
      let len = b1 & 0x7f;
      let head = 2;
      if (len === 126) {
        if (i + 4 > buf.length) break;
        len = buf.readUInt16BE(i + 2);
        head = 4;
      } else if (len === 127) {
        if (i + 10 > buf.length) break;
        len = Number(buf.readBigUInt64BE(i + 2));
        head = 10;
      }
      if (b1 & 0x80) head += 4; // servers never mask; skip a key if one came anyway
      if (i + head + len > buf.length) break;
      const payload = buf.subarray(i + head, i + head + len);
      i += head + len;
      this.onFrame(b0 & 0x80, b0 & 0x0f, payload);
      if (this.readyState === CLOSED) return;
    }
    if (i < buf.length) this.pending = Buffer.from(buf.subarray(i));
  }

  private onFrame(fin: number, opcode: number, payload: Buffer): void {
    if (opcode === 0x1 || opcode === 0x2 || opcode === 0x0) {
      if (!fin || this.fragments) {
        // Fragmented message: collect (rare for Socket.IO; copied because views die with the chunk).
        this.fragments = this.fragments ?? { opcode, parts: [] };
        this.fragments.parts.push(Buffer.from(payload));
        if (!fin) return;
        const whole = Buffer.concat(this.fragments.parts);
        const isBinary = this.fragments.opcode === 0x2;
        this.fragments = null;
        this.emit('message', whole, isBinary);
        return;
      }
      this.emit('message', payload, opcode === 0x2);
      return;
    }
    if (opcode === 0x9) return this.writeFrame(0xa, payload);
    if (opcode === 0x8) {
      if (this.readyState === OPEN) this.writeFrame(0x8, payload.subarray(0, 2));
      this.readyState = CLOSING;
      this.socket.end();
    }
  }

  private writeFrame(opcode: number, payload: Buffer): void {
    const len = payload.length;
    const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(head + 4 + len);
    frame[0] = 0x80 | opcode;
    if (head === 2) frame[1] = 0x80 | len;
    else if (head === 4) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(len, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(len), 2);
    }
    const mask = randomBytes(4);
    mask.copy(frame, head);
    for (let k = 0; k < len; k += 1) frame[head + 4 + k] = payload[k] ^ mask[k & 3];
    this.socket.write(frame);
  }

  send(text: string): void {
    if (this.readyState !== OPEN) return;
    this.writeFrame(0x1, Buffer.from(text, 'utf8'));
  }

  close(): void {
    if (this.readyState !== OPEN) return this.terminate();
    this.writeFrame(0x8, Buffer.from([0x03, 0xe8])); // 1000: normal closure
    this.readyState = CLOSING;
    // The server answers with its close frame and ends the TCP connection; do not wait forever.
    setTimeout(() => this.terminate(), 2000).unref();
  }

  terminate(): void {
    this.readyState = CLOSED;
    this.socket.destroy();
  }
}
