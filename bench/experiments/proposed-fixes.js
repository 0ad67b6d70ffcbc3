'use strict';
/**
 * A measurement aid, not part of the product: the fixes proposed in bench/README.md ("Product problems found"),
 * applied to the built product by patching it at load time, so their effect can be measured without touching src/:
 *
 *   BENCH_OVERRIDE_MAIN=bench/experiments/proposed-fixes.js PATCH_SEND=1 npm run bench -- writes
 *
 * PATCH_SEND=1  problem 1: a plain message send as one SQL statement after one access query
 * PATCH_JWT=1   problem 2: jsonwebtoken gets a KeyObject instead of the secret string
 * PATCH_RX=1    problem 3: plain socket listeners instead of Nest's per-socket RxJS chains
 *
 * The bench starts the product through this file and hands it the real entry point in REAL_MAIN. Such runs are
 * recorded in bench/results/experiments/, never in latest.md.
 */
const { join, dirname } = require('node:path');
if (process.env.PATCH_RX) {
  const { IoAdapter } = require('@nestjs/platform-socket.io');
  IoAdapter.prototype.bindMessageHandlers = function (socket, handlers, transform) {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        let result$;
        try {
          result$ = transform(callback(data, ack));
        } catch (error) {
          return this.logger.error(error);
        }
        result$.subscribe({
          next: (response) => {
            if (response === undefined || response === null) return;
            if (response.event) return socket.emit(response.event, response.data);
            if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (error) => this.logger.error(error),
        });
      });
    }
  };
}
if (process.env.PATCH_JWT) {
  const jwt = require('jsonwebtoken');
  const { createSecretKey } = require('node:crypto');
  const keys = new Map();
  const asKey = (secret) => {
    if (typeof secret !== 'string') return secret;
    if (!keys.has(secret)) keys.set(secret, createSecretKey(Buffer.from(secret)));
    return keys.get(secret);
  };
  const { verify, sign } = jwt;
  jwt.verify = function (token, secret, ...rest) {
    return verify.call(this, token, asKey(secret), ...rest);
  };
  jwt.sign = function (payload, secret, ...rest) {
    return sign.call(this, payload, asKey(secret), ...rest);
  };
}

// PATCH_SEND=1: a message send as one SQL statement after one access query (2 round trips instead of 15).
// Falls back to the product's own code for replies, mentions, retries and anything but a plain member's post.
if (process.env.PATCH_SEND) {
  const { randomUUID } = require('node:crypto');
  const dist = dirname(process.env.REAL_MAIN);
  const { MessagesService } = require(join(dist, 'threads/messages.service.js'));
  const { renderMessage, mentionedIds } = require(join(dist, 'threads/markdown.js'));
  const original = MessagesService.prototype.post;
  const SEND = `
    WITH seq AS (
      UPDATE working_groups SET last_seq = last_seq + 1
       WHERE id = $3 AND NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND client_id = $2)
      RETURNING last_seq, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
    ), msg AS (
      INSERT INTO messages (id, thread_id, group_id, seq, author_id, parent_id, body, body_html, mentions)
      SELECT $4, $5, $3, last_seq, $1, NULL, $6, $7, '{}' FROM seq RETURNING seq
    ), thr AS (
      UPDATE threads SET message_count = message_count + 1, last_activity_at = now()
       WHERE id = $5 AND EXISTS (SELECT 1 FROM msg)
    ), payload AS (
      SELECT $8::jsonb || jsonb_build_object('seq', last_seq, 'createdAt', at) AS message, last_seq, at FROM seq
    ), ev AS (
      INSERT INTO group_events (group_id, seq, type, payload, actor_id)
      SELECT $3, last_seq, 'message.created', message, $1 FROM payload
    ), idem AS (
      INSERT INTO idempotency_keys (user_id, client_id, response)
      SELECT $1, $2, jsonb_build_object('message', message, 'seq', last_seq) FROM payload
    )
    SELECT last_seq, at FROM payload`;
  MessagesService.prototype.post = async function (user, threadId, dto) {
    if (dto.parentId || !dto.clientId || mentionedIds(dto.body).length) return original.call(this, user, threadId, dto);
    const [t] = await this.db.query(
      `SELECT t.group_id, t.kind, t.status, g.archived_at IS NOT NULL AS archived, m.role
         FROM threads t JOIN working_groups g ON g.id = t.group_id
         LEFT JOIN memberships m ON m.group_id = t.group_id AND m.user_id = $2
        WHERE t.id = $1`,
      [threadId, user.id],
    );
    if (
      !t ||
      t.archived ||
      !['facilitator', 'member'].includes(t.role) ||
      (t.kind === 'recommendation' && t.status === 'closed')
    )
      return original.call(this, user, threadId, dto);
    const id = randomUUID();
    const bodyHtml = renderMessage(dto.body, new Map());
    const message = {
      id,
      threadId,
      groupId: t.group_id,
      seq: 0,
      parentId: null,
      author: { id: user.id, displayName: user.displayName },
      body: dto.body,
      bodyHtml,
      mentions: [],
      reactions: [],
      edited: false,
      editedAt: null,
      deleted: false,
      createdAt: '',
    };
    let rows;
    try {
      rows = await this.db.query(SEND, [
        user.id,
        dto.clientId,
        t.group_id,
        id,
        threadId,
        dto.body,
        bodyHtml,
        JSON.stringify(message),
      ]);
    } catch (error) {
      if (error.code === '23505') return original.call(this, user, threadId, dto); // a concurrent retry won
      throw error;
    }
    if (rows.length === 0) return original.call(this, user, threadId, dto); // a retry: the stored answer
    message.seq = Number(rows[0].last_seq);
    message.createdAt = rows[0].at;
    const event = {
      groupId: t.group_id,
      seq: message.seq,
      type: 'message.created',
      data: message,
      actorId: user.id,
      at: rows[0].at,
    };
    this.events.emit('MessagePosted', { event, mentioned: [] });
    return { message, seq: message.seq };
  };
}
require(process.env.REAL_MAIN);
