/**
 * The Socket.IO baseline: the same socket.io (from node_modules) on a plain http server with Socket.IO's defaults
 * and the product's frame limit and ping timings, nothing else. A handshake's auth token is looked up in a table
 * the bench hands over (no JWT, no database); the socket joins the same group rooms the product would put it in;
 * `message.send` is acknowledged with, and broadcast to the group's room as, an event of the same shape and size
 * as the product's `message.created` (groupId, seq, type, data: MessageDto, actorId, at). No validation, no access
 * check, no persistence, no change feed: that is everything the product adds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { installBenchIpc } from '../lib/ipc-server';
import type { BareUsers } from '../lib/socket-bench';

type BareUser = BareUsers[string];

let users = new Map<string, BareUser>(); // token -> { userId, displayName, groups: [groupId] }
let threads = new Map<string, string>(); // threadId -> groupId
const seqs = new Map<string, number>(); // groupId -> last seq

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const server = http.createServer((req, res) => {
  res.writeHead(404).end();
});
type Ack = (answer: object) => void;

/** The one event a client sends; its payload is whatever the client sent, checked as the product's validation would. */
interface ClientEvents {
  'message.send': (payload: { threadId?: unknown; body?: unknown } | null, ack?: Ack) => void;
}

interface ServerEvents {
  event: (event: object) => void;
}

// The socket's data is the user the handshake's token stands for.
const io = new Server<ClientEvents, ServerEvents, Record<string, never>, BareUser>(server, {
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 20_000,
  pingTimeout: 20_000,
});

io.use((socket, next) => {
  const token: unknown = socket.handshake.auth?.token;
  const user = typeof token === 'string' ? users.get(token) : undefined;
  if (!user) return next(new Error('Authentication failed'));
  socket.data = user;
  next();
});

io.on('connection', (socket) => {
  const user = socket.data;
  void socket.join(user.groups.map((g) => `group:${g}`));
  socket.on('message.send', (payload, ack) => {
    const threadId = typeof payload?.threadId === 'string' ? payload.threadId : undefined;
    const groupId = threadId === undefined ? undefined : threads.get(threadId);
    if (!payload || !groupId || typeof ack !== 'function') return ack?.({ ok: false, error: { statusCode: 404 } });
    const seq = (seqs.get(groupId) ?? 0) + 1;
    seqs.set(groupId, seq);
    const at = new Date().toISOString();
    const message = {
      id: randomUUID(),
      threadId,
      groupId,
      seq,
      parentId: null,
      author: { id: user.userId, displayName: user.displayName },
      body: payload.body,
      bodyHtml: `<p>${escapeHtml(String(payload.body))}</p>\n`,
      mentions: [],
      reactions: [],
      edited: false,
      editedAt: null,
      deleted: false,
      createdAt: at,
    };
    io.to(`group:${groupId}`).emit('event', {
      groupId,
      seq,
      type: 'message.created',
      data: message,
      actorId: user.userId,
      at,
    });
    ack({ ok: true, data: { message, seq } });
  });
});

installBenchIpc({
  ready: () =>
    new Promise((resolve) => {
      const port = () => ({ port: (server.address() as AddressInfo).port });
      if (server.listening) return resolve(port());
      server.once('listening', () => resolve(port()));
    }),
  configure: (msg) => {
    users = new Map(Object.entries(msg.users as BareUsers));
    threads = new Map(Object.entries(msg.threads as Record<string, string>));
    return { users: users.size, threads: threads.size };
  },
  sockets: () => ({ count: io.engine.clientsCount }),
});

server.listen(Number(process.env.PORT), '127.0.0.1');
