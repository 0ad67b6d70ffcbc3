'use strict';
/**
 * The Socket.IO baseline: the same socket.io (from node_modules) on a plain http server with Socket.IO's defaults
 * and the product's frame limit and ping timings, nothing else. A handshake's auth token is looked up in a table
 * the bench hands over (no JWT, no database); the socket joins the same group rooms the product would put it in;
 * `message.send` is acknowledged with, and broadcast to the group's room as, an event of the same shape and size
 * as the product's `message.created` (groupId, seq, type, data: MessageDto, actorId, at). No validation, no access
 * check, no persistence, no change feed: that is everything the product adds.
 */
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { Server } = require('socket.io');
const { installBenchIpc } = require('../lib/ipc-server');

let users = new Map(); // token -> { userId, displayName, groups: [groupId] }
let threads = new Map(); // threadId -> groupId
const seqs = new Map(); // groupId -> last seq

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const server = http.createServer((req, res) => {
  res.writeHead(404).end();
});
const io = new Server(server, {
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 20_000,
  pingTimeout: 20_000,
});

io.use((socket, next) => {
  const user = users.get(socket.handshake.auth?.token);
  if (!user) return next(new Error('Authentication failed'));
  socket.data = user;
  next();
});

io.on('connection', (socket) => {
  socket.join(socket.data.groups.map((g) => `group:${g}`));
  socket.on('message.send', (payload, ack) => {
    const groupId = threads.get(payload?.threadId);
    if (!groupId || typeof ack !== 'function') return ack?.({ ok: false, error: { statusCode: 404 } });
    const seq = (seqs.get(groupId) ?? 0) + 1;
    seqs.set(groupId, seq);
    const at = new Date().toISOString();
    const message = {
      id: randomUUID(),
      threadId: payload.threadId,
      groupId,
      seq,
      parentId: null,
      author: { id: socket.data.userId, displayName: socket.data.displayName },
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
      actorId: socket.data.userId,
      at,
    });
    ack({ ok: true, data: { message, seq } });
  });
});

installBenchIpc({
  ready: () =>
    new Promise((resolve) => {
      if (server.listening) return resolve({ port: server.address().port });
      server.once('listening', () => resolve({ port: server.address().port }));
    }),
  configure: (msg) => {
    users = new Map(Object.entries(msg.users));
    threads = new Map(Object.entries(msg.threads));
    return { users: users.size, threads: threads.size };
  },
  sockets: () => ({ count: io.engine.clientsCount }),
});

server.listen(Number(process.env.PORT), '127.0.0.1');
