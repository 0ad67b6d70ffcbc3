/*
 * The socket protocol's rules in words, for the AsyncAPI document. Each sentence states what the code does; the
 * file it is about is named so that a change there can be checked against it.
 */

/** The REST catch-up route (events/events.controller.ts), as the OpenAPI document spells its path. */
export const CATCH_UP_PATH = '/api/groups/{groupId}/events';

/** Ordering within a group, loss and duplicates, and how a client repairs them (client/src/live/seq-order.ts). */
export const FEED_ORDER_RULE = [
  'Ordering and delivery of feed events (`event`):',
  '- Every change to a group is one feed event `{ groupId, seq, type, data, actorId, at }`. `seq` counts per group: ' +
    "it is taken inside the writing transaction under the group's row lock, so seqs commit in order, with no gap, " +
    'each once (events/change-feed.repository.ts). There is no order across groups.',
  '- Order by `seq` within a group, never by arrival. Pushes are sent after commit and at most once: pushes relayed ' +
    'by different nodes may arrive out of order, and a push may be lost (a dropped socket, a node that died: the ' +
    'server keeps nothing for a disconnected socket and uses no Socket.IO connection-state recovery).',
  '- Keep a cursor per group: the `lastSeq` the group was loaded with (GroupDto.lastSeq), then the last seq applied. ' +
    'An event with seq = cursor + 1 is applied (then any held ones it unblocks); seq <= cursor is a duplicate and ' +
    'is dropped (the same event may come by push and by catch-up: (groupId, seq) identifies it, there is no other ' +
    'event id); seq > cursor + 1 is held, and the gap is filled by catch-up. The server does not deduplicate; the ' +
    'web client does exactly this (client/src/live/seq-order.ts).',
  `- Catch up after every (re)connect and after any gap: GET ${CATCH_UP_PATH}?after={cursor}&limit={1..1000, ` +
    'default 500}, or the socket event `sync` `{ groupId, after, limit? }` (same answer). The answer is ' +
    '`{ events, lastSeq, resync, hasMore }`: events after `after` in seq order; while `hasMore`, ask again after the ' +
    'last one; `resync: true` means the events after the cursor are no longer kept (EVENT_RETENTION_DAYS) or the ' +
    'cursor is from another timeline: reload the state and continue from `lastSeq`.',
  "- The socket is in its groups' rooms before `connect` fires, so nothing committed after the first catch-up is " +
    'missed. A member added to a group receives their own `member.added` and everything after; a removed member ' +
    'receives their own `member.removed` and nothing after.',
].join('\n');

/** Connecting and staying connected (realtime/socket-auth.ts, realtime/socket-policy.ts, realtime.gateway.ts). */
export const CONNECTION_RULES = [
  "Socket.IO (v4 server, protocol 5), default namespace, on the HTTP server's port at path `/socket.io`; the " +
    'handshake may start with HTTP long-polling and upgrade to WebSocket.',
  '',
  "Authentication: the handshake's auth payload carries the token, `io(url, { auth: { token, locale } })`; never " +
    'the query string. `token` is an access token (JWT from POST /api/auth/login or /api/auth/refresh; its session ' +
    'must be live) or an API token (`tsq_…`). `locale` (`en`, `ar`, optional) is the language of errors. A refused ' +
    "handshake fails with `connect_error`, its `data` the API's error shape: 401 `socket-token-missing`, " +
    '`socket-token-invalid`, `socket-session-ended`, `socket-api-token-invalid`; 403 `two-factor-required`; 429 ' +
    "`too-many-sockets`; 503 `service-unavailable` (also while the node drains). A browser's Origin must be allowed.",
  '',
  "A JWT's authority ends with the token: send `auth.refresh` with a newer one before it expires, or the server " +
    "sends `auth.expired` and disconnects. A revoked session's sockets are disconnected. Access is checked on every " +
    'event against current memberships. All client events count against one budget per user (all sockets, all ' +
    'nodes): over it, an event with a callback is answered 429, any other is dropped.',
  '',
  'Acknowledgements: a client event with a callback is answered `{ ok: true, data }` or `{ ok: false, error }` ' +
    "(error: the REST API's error shape, in the socket's language).",
].join('\n');
