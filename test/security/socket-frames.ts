import fc from 'fast-check';
import WebSocket from 'ws';
import { deepNesting, edgeString, Fields, jsonText, objectPayloads, pollutionEntry, JsonObject } from './fuzz-payloads';

/**
 * Engine.IO v4 / Socket.IO v5 spoken by hand over a raw websocket, so that the fuzzer can send frames no real
 * client would: truncated packets, wrong packet types, absurd attachment counts, invalid JSON, oversized frames.
 */
export class RawSocketIo {
  closed: { code: number; reason: string } | null = null;
  private readonly acks = new Map<number, (answer: unknown[] | 'closed') => void>();
  private joined?: () => void;
  private nextId = 2_000_000_000;

  private constructor(
    private readonly ws: WebSocket,
    private readonly token: string,
  ) {
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (!isBinary) this.onText(data.toString());
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString() };
      for (const resolve of this.acks.values()) resolve('closed');
      this.acks.clear();
    });
    ws.on('error', () => undefined); // a close follows
  }

  /** Connects, takes the Engine.IO open packet, joins the default namespace with the token; rejects if refused. */
  static open(baseUrl: string, token: string, timeoutMs = 5000): Promise<RawSocketIo> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const client = new RawSocketIo(ws, token);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('raw socket did not connect'));
      }, timeoutMs);
      ws.once('close', () => reject(new Error(`raw socket closed during the handshake: ${client.closed?.code}`)));
      client.joined = () => {
        clearTimeout(timer);
        resolve(client);
      };
    });
  }

  send(data: string | Buffer, binary: boolean): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data, { binary });
  }

  /** Sends `42<id>[event, ...]` built from raw JSON text and waits for its acknowledgement. */
  emitRaw(event: string, argsText: string, timeoutMs: number): Promise<unknown[] | 'closed' | 'timeout'> {
    const id = this.nextId++;
    const answer = this.ack(id, timeoutMs);
    this.send(`42${id}[${JSON.stringify(event)}${argsText ? `,${argsText}` : ''}]`, false);
    return answer;
  }

  /** Waits for the acknowledgement of an event sent with this id. */
  ack(id: number, timeoutMs: number): Promise<unknown[] | 'closed' | 'timeout'> {
    if (this.closed) return Promise.resolve('closed');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        resolve('timeout');
      }, timeoutMs);
      this.acks.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  /** Joins the default namespace again (after a frame made the server leave it). */
  rejoin(timeoutMs: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const settle = (joined: boolean) => {
        clearTimeout(timer);
        this.ws.off('close', onClose);
        resolve(joined);
      };
      const onClose = () => settle(false);
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.ws.once('close', onClose);
      this.joined = () => settle(true);
      this.send(`40${JSON.stringify({ token: this.token })}`, false);
    });
  }

  terminate(): void {
    this.ws.terminate();
  }

  private onText(text: string): void {
    if (text.startsWith('0{')) return this.send(`40${JSON.stringify({ token: this.token })}`, false);
    if (text === '2') return this.send('3', false); // Engine.IO ping from the server
    if (text.startsWith('40')) return this.joined?.();
    const ack = /^43(\d+)(\[.*)$/s.exec(text);
    if (!ack) return;
    const resolve = this.acks.get(Number(ack[1]));
    if (!resolve) return;
    this.acks.delete(Number(ack[1]));
    try {
      resolve(JSON.parse(ack[2]) as unknown[]);
    } catch {
      resolve([`unparseable ack ${ack[2].slice(0, 80)}`]);
    }
  }
}

export interface Frame {
  label: string;
  /** Sent in order: a packet and, for binary packets, its attachments. */
  parts: { data: string | Buffer; binary: boolean }[];
  /** A well-formed event with this ack id: the server must answer it `{ ok: true }` or with a 4xx. */
  ackId?: number;
  /** The frame leaves the default namespace on purpose (`41`): join it again before probing. */
  leavesNamespace?: boolean;
}

export interface FrameContext {
  groupId: string;
  threadId: string;
  token: string;
  /** Well-formed fields of the events, for payloads that are valid JSON but wrong for the DTO. */
  events: Record<string, Fields>;
}

const MAX_SOCKET_PAYLOAD = 64 * 1024;

const text = (label: string, data: string, extra: Partial<Frame> = {}): Frame => ({
  label,
  parts: [{ data, binary: false }],
  ...extra,
});

/** Ten thousand ways to be wrong on the wire, weighted towards the ones a parser is likeliest to mishandle. */
export function malformedFrames(ctx: FrameContext): fc.Arbitrary<Frame> {
  const tail = fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 20 }),
    edgeString,
    fc.constantFrom('[', '{', '["sync"', '[]', '{}', 'null', '/', '/,', '-', '1-', '{"a":1}'),
  );
  const event = fc.constantFrom('sync', 'presence.get', 'message.send', 'typing');
  const id = fc.integer({ min: 1, max: 1_000_000_000 });
  const group = JSON.stringify(ctx.groupId);
  const valid = `["sync",{"groupId":${group},"after":0}]`;
  const eventPayload = event.chain((name) =>
    objectPayloads(ctx.events[name], { maxString: 8_000, maxDepth: 10_000 }).map((p) => ({ name, p })),
  );
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom('', '0', '1', '2', '3', '5', '6', '7', '8', '9', 'b', 'x', ' ', '\u0000'), tail)
        .map(([type, rest]) => text(`engine type "${type}"`, type + rest)),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 9 }), tail)
        .map(([type, rest]) => text(`socket.io type ${type}`, `4${type}${rest}`, { leavesNamespace: type === 1 })),
    },
    {
      weight: 3,
      arbitrary: fc.nat().map((cut) => text('truncated event', `42${valid}`.slice(0, 2 + (cut % valid.length)))),
    },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(
          '42[]',
          '42{}',
          '42"x"',
          '42null',
          '42[1]',
          '42[null]',
          '42[{}]',
          '42["connect"]',
          '42["disconnect"]',
          '42["disconnecting"]',
          '42["newListener","x"]',
          '42["removeListener"]',
          '42["connect_error"]',
          '42["error",{}]',
          '42["constructor"]',
          '42["__proto__"]',
          '42["toString"]',
          '42["hasOwnProperty",{}]',
          '42["event",{}]',
          '42["presence",{}]',
          '42{"a":}',
          "42['sync']",
          '42["sync",{]',
          '42["sync",NaN]',
          '42["sync",undefined]',
        )
        .map((data) => text('odd event', data)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.stringMatching(/^\d{1,30}$/), event)
        .map(([ackId, name]) => text('absurd ack id', `42${ackId}[${JSON.stringify(name)},{"groupId":${group}}]`)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.stringMatching(/^\d{1,30}$/), tail)
        .map(([ackId, rest]) => text('ack the server never asked for', `43${ackId}[${rest}]`)),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom('5', '6'),
          fc.constantFrom('0', '1', '2', '999999999999', '-1', 'x', '', '1e3', '99999999999999999999'),
          fc.constantFrom(0, 1, 5, -1, '"a"', 1e308),
          fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 3 }),
        )
        .map(([type, count, num, buffers]) => ({
          label: `binary packet, ${count || 'no'} attachments, ${buffers.length} sent`,
          parts: [
            { data: `4${type}${count}-["sync",{"_placeholder":true,"num":${num}}]`, binary: false },
            ...buffers.map((b) => ({ data: Buffer.from(b), binary: true })),
          ],
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom('/admin', '/', '/socket.io', '//', '/\u0000', '/👍'),
          tail,
          fc.constantFrom('0', '1', '2'),
        )
        .map(([nsp, rest, type]) => text(`namespace ${nsp}`, `4${type}${nsp},${rest}`)),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          '40',
          '40{}',
          '40{"token":123}',
          '40{"token":["x"]}',
          '40{"token":{"__proto__":{"polluted":"yes"}}}',
          '40[]',
          '40"x"',
          `40${JSON.stringify({ token: ctx.token })}`,
          '44{"message":"x"}',
        )
        .map((data) => text('connect packet again', data)),
    },
    { weight: 1, arbitrary: fc.constant(text('namespace disconnect', '41', { leavesNamespace: true })) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: MAX_SOCKET_PAYLOAD + 1, max: 2 * MAX_SOCKET_PAYLOAD })
        .map((size) =>
          text(
            `${size}-byte frame`,
            `42["message.send",{"threadId":${JSON.stringify(ctx.threadId)},"body":"${'x'.repeat(size)}"}]`,
          ),
        ),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(id, event, deepNesting(10_000))
        .map(([ackId, name, deep]) =>
          text(
            `${name} with a ${deep.label} payload`,
            `42${ackId}[${JSON.stringify(name)},${deep.text}]`,
            name === 'typing' ? {} : { ackId },
          ),
        ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(id, pollutionEntry).map(([ackId, entry]) => {
        const payload = new JsonObject([entry, ['groupId', ctx.groupId], ['after', 0]]);
        return text(`sync with a ${entry[0]} key`, `42${ackId}["sync",${jsonText(payload)}]`, { ackId });
      }),
    },
    {
      weight: 6,
      arbitrary: fc.tuple(id, eventPayload).map(([ackId, { name, p }]) => {
        const data = `42${ackId}[${JSON.stringify(name)},${jsonText(p.value)}]`;
        // Typing has no acknowledgement; anything above the frame limit is cut off instead of answered.
        const answered = name !== 'typing' && Buffer.byteLength(data) <= MAX_SOCKET_PAYLOAD;
        return text(`${name} payload (${p.variant})`, data, answered ? { ackId } : {});
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 256 })
        .map((bytes) => ({ label: 'random binary frame', parts: [{ data: Buffer.from(bytes), binary: true }] })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80]).map((bytes) => ({
        label: 'invalid UTF-8 in a text frame',
        parts: [
          {
            data: Buffer.concat([Buffer.from('42["sync",{"groupId":"'), Buffer.from(bytes), Buffer.from('"}]')]),
            binary: false,
          },
        ],
      })),
    },
  );
}
