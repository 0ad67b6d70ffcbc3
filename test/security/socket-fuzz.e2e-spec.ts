import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { createThread, postMessage, registerUser, setupGroup, TestUser } from '../support/factories';
import { MAX_SOCKET_PAYLOAD_BYTES } from '../../src/realtime/socket-io.adapter';
import { brokenInvariants } from '../support/invariants';
import { connect, openSocket, TestSocket } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';
import {
  errorShapeProblem,
  ErrorWatch,
  Figures,
  FUZZ_FRAMES,
  FUZZ_ONLY,
  FUZZ_RUNS,
  FUZZ_SEED,
  leaksInternals,
  pollutionMarkers,
  prototypeSnapshot,
  seedFor,
} from './fuzz-figures';
import {
  edgeString,
  Fields,
  hugeString,
  jsonText,
  jsonValue,
  junk,
  objectPayloads,
  optional,
  PROTOTYPE_KEYS,
  required,
  summarize,
  text,
} from './fuzz-payloads';
import { Frame, malformedFrames, RawSocketIo } from './socket-frames';

/**
 * Property-based fuzzing of the Socket.IO side against the real app: generated payloads for every client → server
 * event over a real socket.io-client connection, unknown event names, malformed handshakes, and FUZZ_FRAMES raw
 * malformed Engine.IO / Socket.IO frames over a bare websocket. Every acknowledgement must be `{ ok: true, data }`
 * or `{ ok: false, error }` with a 4xx; no payload within the frame limit may disconnect a socket, and one over it
 * must; the server must keep serving.
 */

/** socket.io-client recurses into payloads looking for binary data: deeper nesting goes through the raw frames. */
const LIMITS = { maxString: 8_000, maxDepth: 1_500 };
const ACK_TIMEOUT_MS = 5_000;
const ACK_EVENTS = ['message.send', 'sync', 'presence.get', 'auth.refresh'] as const;
const CLIENT_RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

const MUST_BE_ZERO = [
  'acks with status >= 500',
  'acks of another shape',
  'acks containing a stack trace or source path',
  'ack-events left unanswered',
  'unknown properties accepted over the socket (ok: true)',
  'sockets disconnected by a payload',
  'frames over the limit that did not close the connection',
  'unknown events answered',
  'probes not answered ok after a payload',
  'malformed handshakes that connected',
  'handshakes without an answer',
  'raw acks with status >= 500',
  'raw acks of another shape',
  'raw ack-events left unanswered',
  'connections left hanging after a frame',
];

let t: TestApp;
let url: string;
let facilitator: TestUser;
let member: TestUser;
let groupId: string;
let threadId: string;
let messageId: string;
const figures = new Figures();
/** WebSocket close codes the server used on the raw connections (1005 none given, 1007 bad UTF-8, 1009 too big). */
const closeCodes = new Set<number>();
const watch = new ErrorWatch();
const prototypeBefore = prototypeSnapshot();

const realOrUnknown = (...ids: string[]) => fc.oneof(fc.constantFrom(...ids), fc.uuid());

function eventFields(): Record<string, Fields> {
  return {
    'message.send': {
      threadId: required(realOrUnknown(threadId)),
      body: required(fc.oneof(text(1, 200), fc.constant(`<@${member.id}> **look**`))),
      parentId: optional(realOrUnknown(messageId)),
      clientId: optional(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/)),
    },
    sync: {
      groupId: required(realOrUnknown(groupId)),
      after: required(fc.integer({ min: 0, max: 50 })),
      limit: optional(fc.integer({ min: 1, max: 1000 })),
    },
    'presence.get': { groupId: required(realOrUnknown(groupId)) },
    typing: { groupId: required(realOrUnknown(groupId)), threadId: optional(realOrUnknown(threadId)) },
    // The socket's own token (accepted), another user's (refused) or text shaped like one.
    'auth.refresh': {
      token: required(fc.oneof(fc.constantFrom(facilitator.accessToken, member.accessToken), text(20, 400))),
    },
  };
}

interface EventCase {
  shape: string;
  args: unknown[];
  variant: string;
  payloadText: string;
  unknownKeys: string[];
  /**
   * The encoded frame is over the server's frame limit (several huge strings together, escapes counted): Engine.IO
   * closes such a connection without parsing the frame, by design, so such a case must disconnect instead.
   */
  overLimit: boolean;
}

/** The EVENT packet socket.io-client writes for `emit(name, ...args)`, in bytes (binary args travel apart). */
const frameBytes = (name: string, args: unknown[]) =>
  Buffer.byteLength(`42${JSON.stringify([name, ...args.filter((a) => !Buffer.isBuffer(a))])}`);

/** One generated payload in one of the argument shapes a client can produce (none, one, two, binary). */
function eventCases(name: string, fields: Fields): fc.Arbitrary<EventCase> {
  return objectPayloads(fields, LIMITS).chain((p) => {
    const payload = jsonValue(p.value);
    const bytes = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b));
    const shaped = (shape: string, args: unknown[]) => ({ shape, args });
    return fc
      .oneof(
        { weight: 12, arbitrary: fc.constant(shaped('one payload', [payload])) },
        { weight: 1, arbitrary: fc.constant(shaped('no payload', [])) },
        { weight: 1, arbitrary: fc.constant(shaped('two payloads', [payload, 'extra'])) },
        { weight: 1, arbitrary: bytes.map((b) => shaped('binary payload', [b])) },
        {
          weight: 1,
          arbitrary: bytes.map((b) => shaped('binary fields', [{ groupId: b, threadId: b, body: b, after: 0 }])),
        },
      )
      .map(({ shape, args }) => ({
        shape,
        args,
        variant: p.variant,
        payloadText: shape.startsWith('binary') ? '<binary>' : shape === 'no payload' ? '<none>' : jsonText(p.value),
        unknownKeys: shape === 'one payload' ? p.unknownKeys : [],
        overLimit: frameBytes(name, args) > MAX_SOCKET_PAYLOAD_BYTES,
      }));
  });
}

/** What is wrong with an acknowledgement, or null for `{ ok: true, data }` and `{ ok: false, error: 4xx }`. */
function ackProblem(answer: unknown): { figure: 'status' | 'shape'; detail: string } | null {
  if (typeof answer !== 'object' || answer === null) return { figure: 'shape', detail: 'not an object' };
  const { ok, error, ...rest } = answer as { ok?: unknown; data?: unknown; error?: unknown };
  const others = Object.keys(rest).filter((key) => key !== 'data');
  if (ok === true && error === undefined && others.length === 0) return null;
  if (ok !== false || others.length || 'data' in rest)
    return { figure: 'shape', detail: `keys ${Object.keys(answer)}` };
  const statusCode = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof statusCode !== 'number') return { figure: 'shape', detail: 'error without a statusCode' };
  if (statusCode >= 500) return { figure: 'status', detail: `status ${statusCode}` };
  const problem = errorShapeProblem(statusCode, error, 'application/json');
  return problem ? { figure: 'shape', detail: problem } : null;
}

function checkAck(answer: unknown, where: string, local: Figures, prefix = ''): boolean {
  const record = (figure: string, detail: string) => {
    violation(local, figure, `${where} → ${detail}`);
  };
  const body = JSON.stringify(answer) ?? '';
  if (leaksInternals(body)) record('acks containing a stack trace or source path', summarize(body));
  const problem = ackProblem(answer);
  if (problem?.figure === 'status') record(`${prefix}acks with status >= 500`, summarize(body));
  if (problem?.figure === 'shape') record(`${prefix}acks of another shape`, `${problem.detail}: ${summarize(body)}`);
  return (answer as { ok?: unknown })?.ok === true;
}

async function probe(socket: Socket, where: string, local: Figures): Promise<void> {
  try {
    const answer = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('presence.get', { groupId });
    if ((answer as { ok?: unknown }).ok !== true) throw new Error(summarize(JSON.stringify(answer)));
  } catch (error) {
    violation(local, 'probes not answered ok after a payload', `${where} → ${String(error)}`);
  }
}

/**
 * A frame over the limit: emitted without waiting for an answer, and the server must close the connection within
 * the ack timeout (a connection that stays open means the limit is not enforced).
 */
async function expectClosedByLimit(socket: Socket, name: string, args: unknown[], where: string, local: Figures) {
  socket.emit(name, ...args);
  await new Promise<void>((done) => {
    const timer = setTimeout(done, ACK_TIMEOUT_MS);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      done();
    });
  });
  if (socket.connected) {
    violation(local, 'frames over the limit that did not close the connection', where);
  } else figures.add('frames over the limit: connection closed, by design');
}

/** A broken rule, counted for the whole run and for the test at hand. */
function violation(local: Figures, figure: string, detail: string): void {
  figures.violation(figure, detail);
  local.violation(figure, detail);
}

const assertNone = (local: Figures) =>
  expect({ broken: local.nonZero(MUST_BE_ZERO), examples: local.explain(MUST_BE_ZERO) }).toEqual({
    broken: {},
    examples: '',
  });

const selected = (name: string) => !FUZZ_ONLY || name.includes(FUZZ_ONLY);
const TIMEOUT = FUZZ_RUNS * 300 + 60_000;

describe('Socket.IO fuzzing', () => {
  const started = Date.now();

  beforeAll(async () => {
    // The highest limits the configuration takes; the full mode outlasts the default 15-minute access token.
    t = await createTestApp({
      AUTH_RATE_LIMIT: '100000',
      WRITE_RATE_LIMIT: '1000000',
      SOCKET_EVENT_RATE_LIMIT: '10000000',
      MAX_SOCKETS_PER_USER: '100000',
      JWT_ACCESS_TTL: '86400',
    });
    url = await t.listen();
    watch.start(t.app);
    facilitator = await registerUser(t);
    member = await registerUser(t);
    const group = await setupGroup(t, { facilitator, member });
    groupId = group.id;
    threadId = (await createThread(t, groupId, facilitator)).id;
    messageId = (await postMessage(t, threadId, facilitator, 'hello')).message.id;
    console.log(
      `[fuzz] socket: seed ${FUZZ_SEED}, ${FUZZ_RUNS} payloads per event (FUZZ_RUNS), ${FUZZ_FRAMES} raw frames (FUZZ_FRAMES)`,
    );
  }, 120_000);

  afterAll(async () => {
    watch.stop();
    await t?.close();
  });

  for (const name of ACK_EVENTS) {
    (selected(name) ? it : it.skip)(
      `${name}: every payload is acknowledged ok or with a 4xx, and no payload disconnects the socket`,
      async () => {
        const cases = fc.sample(eventCases(name, eventFields()[name]), { numRuns: FUZZ_RUNS, seed: seedFor(name) });
        const local = new Figures();
        let socket = (await connect(url, facilitator.accessToken)) as unknown as Socket;
        for (const [index, c] of cases.entries()) {
          const where = `FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY="${name}" case #${index}: ${name} [${c.variant}, ${c.shape}] ${summarize(c.payloadText)}`;
          figures.add('events emitted');
          if (c.overLimit) {
            await expectClosedByLimit(socket, name, c.args, where, local);
            socket.disconnect();
            socket = (await connect(url, facilitator.accessToken)) as unknown as Socket;
            continue;
          }
          try {
            const answer: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(name, ...c.args);
            const ok = checkAck(answer, where, local);
            if (ok && c.unknownKeys.length) {
              const detail = `${where} → keys ${JSON.stringify(c.unknownKeys)}: ${summarize(JSON.stringify(answer))}`;
              violation(local, 'unknown properties accepted over the socket (ok: true)', detail);
            }
          } catch (error) {
            violation(local, 'ack-events left unanswered', `${where} → ${String(error)}`);
          }
          if (!socket.connected) {
            violation(local, 'sockets disconnected by a payload', where);
            socket = (await connect(url, facilitator.accessToken)) as unknown as Socket;
          }
        }
        socket.disconnect();
        assertNone(local);
      },
      TIMEOUT,
    );
  }

  (selected('typing') ? it : it.skip)(
    'typing: bad payloads are dropped without an answer and without a disconnect',
    async () => {
      // Typing is throttled per socket before validation, so each payload goes out on a fresh socket.
      const cases = fc.sample(eventCases('typing', eventFields().typing), {
        numRuns: FUZZ_RUNS,
        seed: seedFor('typing'),
      });
      const local = new Figures();
      const watcher = await connect(url, member.accessToken);
      let relayed = 0;
      watcher.on('typing', () => relayed++);
      for (const [index, c] of cases.entries()) {
        const where = `FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY="typing" case #${index}: typing [${c.variant}, ${c.shape}] ${summarize(c.payloadText)}`;
        const socket = (await connect(url, facilitator.accessToken)) as unknown as Socket;
        figures.add('typing payloads emitted');
        if (c.overLimit) {
          await expectClosedByLimit(socket, 'typing', c.args, where, local);
          socket.disconnect();
          continue;
        }
        socket.emit('typing', ...c.args);
        await probe(socket, where, local);
        if (!socket.connected) {
          violation(local, 'sockets disconnected by a payload', where);
        }
        socket.disconnect();
      }
      watcher.disconnect();
      figures.add('typing relayed to the group', relayed);
      assertNone(local);
    },
    TIMEOUT,
  );

  (selected('unknown') ? it : it.skip)(
    'ignores unknown event names, with or without an acknowledgement callback',
    async () => {
      const known = new Set<string>([...ACK_EVENTS, 'typing']);
      const names = fc.sample(
        fc
          .oneof(
            fc.string({ minLength: 1, maxLength: 30 }),
            edgeString,
            fc.constantFrom(
              ...PROTOTYPE_KEYS,
              'error',
              'event',
              'presence',
              'notification',
              'Sync',
              'sync ',
              'typing2',
            ),
            hugeString(1000, 5000),
          )
          .filter((name) => !known.has(name) && !CLIENT_RESERVED.has(name)),
        { numRuns: FUZZ_RUNS, seed: seedFor('unknown events') },
      );
      const payloads = fc.sample(junk(LIMITS), { numRuns: FUZZ_RUNS, seed: seedFor('unknown event payloads') });
      const local = new Figures();
      let socket = (await connect(url, facilitator.accessToken)) as unknown as Socket;
      for (const [index, name] of names.entries()) {
        const where = `FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY="unknown" case #${index}: event ${summarize(name, 60)}`;
        socket.emit(name, jsonValue(payloads[index]));
        figures.add('unknown events emitted');
        if (index % 10 === 0) {
          try {
            const answer: unknown = await socket.timeout(300).emitWithAck(name, {});
            violation(local, 'unknown events answered', `${where} → ${summarize(JSON.stringify(answer))}`);
          } catch {
            // No answer is the right answer.
          }
        }
        await probe(socket, where, local);
        if (!socket.connected) {
          violation(local, 'sockets disconnected by a payload', where);
          socket = (await connect(url, facilitator.accessToken)) as unknown as Socket;
        }
      }
      socket.disconnect();
      assertNone(local);
    },
    TIMEOUT,
  );

  (selected('handshake') ? it : it.skip)(
    'refuses every malformed handshake, and only that one',
    async () => {
      const real = facilitator.accessToken;
      const [header, claims] = real.split('.');
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64url');
      const handshakes = fc.oneof(
        junk(LIMITS)
          .filter((value) => typeof value !== 'string')
          .map((value) => ({
            label: `token ${summarize(jsonText(value), 60)}`,
            options: { auth: { token: jsonValue(value) } },
          })),
        fc.oneof(fc.string({ maxLength: 200 }), edgeString, hugeString(1000, 9_000)).map((token) => ({
          label: `token ${summarize(token, 60)}`,
          options: { auth: { token } },
        })),
        fc.constantFrom(
          { label: 'alg none', options: { auth: { token: `${b64({ alg: 'none', typ: 'JWT' })}.${claims}.` } } },
          {
            label: 'forged signature',
            options: { auth: { token: `${header}.${claims}.${sign(`${header}.${claims}`, 'y'.repeat(48))}` } },
          },
          {
            label: 'tampered signature',
            options: { auth: { token: `${real.slice(0, -3)}${real.endsWith('AAA') ? 'BBB' : 'AAA'}` } },
          },
          { label: 'token in the query string', options: { auth: {}, query: { token: real } } },
          { label: 'no auth at all', options: { auth: undefined } },
          {
            label: 'foreign Origin',
            options: { auth: { token: real }, extraHeaders: { origin: 'https://evil.example' } },
          },
          { label: 'a token above the frame limit', options: { auth: { token: 'x'.repeat(70_000) } } },
          { label: '__proto__ in auth', options: { auth: JSON.parse('{"__proto__":{"token":"x"}}') as object } },
        ),
      );
      const cases = fc.sample(handshakes, {
        numRuns: Math.max(10, Math.ceil(FUZZ_RUNS / 2)),
        seed: seedFor('handshake'),
      });
      const local = new Figures();
      for (const [index, c] of cases.entries()) {
        const where = `FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY="handshake" case #${index}: ${c.label}`;
        const socket = openSocket(url, undefined, c.options);
        try {
          figures.add(`malformed handshakes ${await refusedOrClosed(socket)}`);
        } catch (error) {
          const figure = socket.connected ? 'malformed handshakes that connected' : 'handshakes without an answer';
          violation(local, figure, `${where} → ${String(error)}`);
        } finally {
          socket.disconnect();
        }
      }
      assertNone(local);
    },
    TIMEOUT,
  );

  (selected('frames') ? it : it.skip)(
    `survives ${FUZZ_FRAMES} malformed raw Engine.IO / Socket.IO frames`,
    async () => {
      const context = { groupId, threadId, token: facilitator.accessToken, events: eventFields() };
      const frames = fc.sample(malformedFrames(context), { numRuns: FUZZ_FRAMES, seed: seedFor('frames') });
      const local = new Figures();
      let client: RawSocketIo | null = null;
      for (const [index, frame] of frames.entries()) {
        if (!client || client.closed) {
          client = await RawSocketIo.open(url, facilitator.accessToken);
          figures.add('raw connections opened');
        }
        const where = `FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY="frames" frame #${index}: ${frame.label} ${describeFrame(frame)}`;
        await sendFrame(client, frame, where, local);
      }
      client?.terminate();
      assertNone(local);
    },
    FUZZ_FRAMES * 100 + 60_000,
  );

  it('still serves afterwards: health 200, a new socket gets acks, nothing unhandled, data intact', async () => {
    const health = await t.http().get('/api/health');
    const socket = await connect(url, facilitator.accessToken);
    const presence = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('presence.get', { groupId });
    const sent = await socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('message.send', { threadId, body: 'still here', clientId: `fuzz-${Date.now()}` });
    socket.disconnect();
    const invariants = await brokenInvariants(t.db);

    figures.print('socket', [
      'events emitted',
      'typing payloads emitted',
      'typing relayed to the group',
      'frames over the limit: connection closed, by design',
      'unknown events emitted',
      'malformed handshakes refused',
      'malformed handshakes closed',
      'raw frames sent',
      'raw connections opened',
      'frames after which the connection kept serving',
      'frames after which the server closed the connection',
      'frames after which the namespace was rejoined',
    ]);
    figures.print(
      'socket',
      [...closeCodes].sort().map((code) => `connections closed with ${code}`),
    );
    figures.print('socket', MUST_BE_ZERO);
    console.log(`[fuzz] socket: app errors logged: ${watch.appErrors.length}`);
    for (const cause of watch.causes()) console.log(`[fuzz] socket: logged error: ${cause}`);
    console.log(`[fuzz] socket: uncaught exceptions and unhandled rejections: ${watch.unhandled.length}`);
    console.log(`[fuzz] socket: health after fuzzing: ${health.status}; new socket acks: ${presence.ok}, ${sent.ok}`);
    console.log(`[fuzz] socket: broken database invariants: ${JSON.stringify(invariants)}`);
    console.log(`[fuzz] socket: Object.prototype pollution markers: ${JSON.stringify(pollutionMarkers())}`);
    console.log(`[fuzz] socket: took ${((Date.now() - started) / 1000).toFixed(1)} s`);

    expect(health.status).toBe(200);
    expect({ presence: presence.ok, send: sent.ok }).toEqual({ presence: true, send: true });
    expect(watch.unhandled).toEqual([]);
    expect(watch.appErrors).toEqual([]);
    expect(invariants).toEqual({});
    expect(prototypeSnapshot()).toEqual(prototypeBefore);
    expect(pollutionMarkers()).toEqual({ polluted: undefined, isAdmin: undefined, toString: 'function' });
  });
});

/** How the server turned a handshake down: `refused` (connect_error) or `closed` (e.g. a frame above the limit). */
function refusedOrClosed(socket: TestSocket): Promise<'refused' | 'closed'> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => settle(new Error('socket was neither refused nor connected')), ACK_TIMEOUT_MS);
    const settle = (outcome: 'refused' | 'closed' | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    socket.once('connect', () => settle(new Error('socket connected but should have been refused')));
    socket.once('connect_error', () => settle('refused'));
    // A refusal closes the manager just before it reports connect_error: give the report a moment to arrive.
    socket.io.once('close', () => setTimeout(() => settle('closed'), 50));
  });
}

function describeFrame(frame: Frame): string {
  return frame.parts
    .map((part) => (part.binary ? `<${part.data.length} binary bytes>` : summarize(part.data.toString(), 120)))
    .join(' + ');
}

/** Sends one frame, checks its acknowledgement if it carries one, then checks the connection still answers. */
async function sendFrame(client: RawSocketIo, frame: Frame, where: string, local: Figures): Promise<void> {
  const record = (figure: string, detail: string) => {
    violation(local, figure, `${where} → ${detail}`);
  };
  const acknowledged = frame.ackId === undefined ? null : client.ack(frame.ackId, ACK_TIMEOUT_MS);
  for (const part of frame.parts) client.send(part.data, part.binary);
  figures.add('raw frames sent', frame.parts.length);
  const answer = await acknowledged;
  if (answer === 'timeout') record('raw ack-events left unanswered', 'no answer');
  else if (Array.isArray(answer)) checkAck(answer[0], where, local, 'raw ');

  if (frame.leavesNamespace && !client.closed) await client.rejoin(3_000);
  let probed = await client.emitRaw('presence.get', JSON.stringify({ groupId }), 1_000);
  if (probed === 'timeout' && !client.closed && (await client.rejoin(3_000))) {
    figures.add('frames after which the namespace was rejoined');
    probed = await client.emitRaw('presence.get', JSON.stringify({ groupId }), 3_000);
  }
  if (probed === 'closed' || client.closed) {
    figures.add('frames after which the server closed the connection');
    closeCodes.add(client.closed?.code ?? 0);
    figures.add(`connections closed with ${client.closed?.code ?? 0}`);
  } else if (probed === 'timeout') {
    record('connections left hanging after a frame', 'the connection neither answered nor closed');
    client.terminate();
  } else {
    figures.add('frames after which the connection kept serving');
    checkAck(probed[0], `${where} (probe)`, local, 'raw ');
  }
}
