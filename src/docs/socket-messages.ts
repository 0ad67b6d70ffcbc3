import type { Type } from '@nestjs/common';
import { ActionCommentDto, ActionItemDto } from '../action-items/dto/action-item.dto';
import { AttachmentRemovedDto } from '../attachments/dto/attachment.dto';
import type { ErrorResponse } from '../common/error-response';
import type { CatchUp } from '../events/dto/catch-up.dto';
import { AuthRefreshDto, GroupRefDto, SyncDto, TypingRequestDto } from '../events/dto/catch-up.query.dto';
import type { ClientEvents, ClientEventType } from '../events/events';
import { NOTIFICATION_TYPES } from '../notifications/notification-kinds';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../realtime/socket-protocol';
import { SendMessageDto } from '../threads/dto/create-message.dto';
import { MessageDto, PostedMessage, ReactionsChangedDto } from '../threads/dto/message.dto';
import { PositionsDto } from '../threads/dto/position.dto';
import { ThreadDto } from '../threads/dto/thread.dto';
import { GroupDto } from '../working-groups/dto/group.dto';
import { MemberDto } from '../working-groups/dto/member.dto';
import { dto, JsonSchema, objectSchema, ref, schemaOf, SchemaSource } from './json-schema';
import { FEED_ORDER_RULE } from './delivery-rules';

/*
 * The socket protocol's documentation, keyed by the typed event maps (socket-protocol.ts, events.ts): an event
 * added to a map without a line here, or documented with a class its payload does not fit, fails to compile.
 * Classes are described by the same schemas as in the OpenAPI document; the rest is typed against its interface.
 */

const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const nullable = (schema: JsonSchema): JsonSchema => ({ oneOf: [schema, { type: 'null' }] });

/** What a feed event's `data` is, by type: the DTO the REST API returns for the same thing. */
export const FEED_EVENT_DATA = {
  'group.updated': dto(GroupDto),
  'member.added': dto(MemberDto),
  'member.updated': dto(MemberDto),
  'member.removed': objectSchema<ClientEvents['member.removed']>({ userId: uuid }),
  'thread.created': dto(ThreadDto),
  'thread.updated': dto(ThreadDto),
  'thread.pinned': dto(ThreadDto),
  'message.created': dto(MessageDto),
  'message.updated': dto(MessageDto),
  'message.deleted': dto(MessageDto),
  'reaction.changed': dto(ReactionsChangedDto),
  'position.changed': dto(PositionsDto),
  'recommendation.closed': dto(ThreadDto),
  'action.created': dto(ActionItemDto),
  'action.updated': dto(ActionItemDto),
  'action.commented': dto(ActionCommentDto),
  'attachment.removed': dto(AttachmentRemovedDto),
} satisfies { [K in ClientEventType]: SchemaSource<ClientEvents[K]> };

/** One message of the socket protocol: what it is for and what it carries. */
export interface MessageSpec<P> {
  summary: string;
  description?: string;
  payload: SchemaSource<P>;
}

type Payload<F> = F extends (payload: infer P, ...rest: never[]) => void ? P : never;
type AckData<F> = F extends (...args: infer A) => void
  ? A extends [unknown, (answer: Ack<infer T>) => void]
    ? T
    : never
  : never;

/** A client event with a callback also says what the callback gets in `data` when `ok` is true. */
export type ClientMessageSpec<F> = MessageSpec<Payload<F>> &
  ([AckData<F>] extends [never] ? { ack?: never } : { ack: SchemaSource<AckData<F>> });

export const errorResponse = objectSchema<ErrorResponse>(
  {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string', description: "In the socket's language (its `auth.locale`, else the user's setting)." },
    code: { type: 'string', optional: true, description: 'Stable: what the client says in the reader’s language.' },
    params: { type: 'object', optional: true, additionalProperties: { type: ['string', 'number'] } },
    details: {
      type: 'array',
      optional: true,
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          code: { type: 'string' },
          params: { type: 'object' },
          message: { type: 'string' },
        },
        required: ['field', 'message'],
      },
    },
    current: { optional: true, description: 'On a 409 for a stale version: the resource as it is now.' },
  },
  'The one error shape of the REST API and of socket acknowledgements.',
);

/** `event`'s payload: one of these envelopes, discriminated by `type` (composed in asyncapi.ts). */
export const FEED_EVENT_SCHEMA = 'FeedEvent';

export const catchUp = objectSchema<CatchUp>(
  {
    events: { type: 'array', items: ref(FEED_EVENT_SCHEMA), description: 'In seq order.' },
    lastSeq: { type: 'integer', description: "The group's newest seq: a client whose cursor is here is up to date." },
    resync: {
      type: 'boolean',
      description: 'Events after the cursor were pruned (or the cursor is from another timeline): reload state.',
    },
    hasMore: { type: 'boolean', description: 'More events follow: ask again after the last one returned.' },
  },
  'Catch-up: the same answer over REST and over the socket.',
);

export const SERVER_MESSAGES = {
  event: {
    summary: "One change-feed entry of a group the user is in, pushed to the group's room after its commit.",
    description: FEED_ORDER_RULE,
    payload: schemaOf<Parameters<ServerToClientEvents['event']>[0]>(ref(FEED_EVENT_SCHEMA)),
  },
  notification: {
    summary: "A stored notification, to the recipient's sockets, with their new unread count.",
    description:
      'At most once and outside the change feed (no seq): after every reconnect, read the count again ' +
      '(GET /api/notifications/unread-count) and the list (GET /api/notifications). The web client keeps one ' +
      'entry per `id` and takes the count from the latest push.',
    payload: objectSchema<Parameters<ServerToClientEvents['notification']>[0]>({
      id: uuid,
      groupId: nullable(uuid),
      subjectType: { type: ['string', 'null'], description: 'The kind of object a client opens.' },
      subjectId: { type: ['string', 'null'] },
      read: { type: 'boolean' },
      createdAt: dateTime,
      type: { type: 'string', enum: NOTIFICATION_TYPES },
      data: {
        type: 'object',
        description: 'Facts by `type` (names and ids as they were, never prose): the client renders them.',
      },
      excerpt: {
        type: ['string', 'null'],
        optional: true,
        description: 'For a notification about a message: its start as it reads now, as the list shows it.',
      },
      unreadCount: { type: 'integer', minimum: 0 },
    }),
  },
  presence: {
    summary: 'A member came online (their first socket in the cluster) or went offline (their last one closed).',
    description: 'A hint, not stored, not ordered: ask `presence.get` after connecting for the current list.',
    payload: objectSchema<Parameters<ServerToClientEvents['presence']>[0]>({
      groupId: uuid,
      userId: uuid,
      online: { type: 'boolean' },
    }),
  },
  typing: {
    summary: 'Another member is typing in the group (or in one thread), relayed at most every 1.5 s per user.',
    payload: objectSchema<Parameters<ServerToClientEvents['typing']>[0]>({
      groupId: uuid,
      threadId: { ...nullable(uuid), description: 'null: in the group, not in one thread.' },
      userId: uuid,
      displayName: { type: 'string' },
    }),
  },
  'auth.expired': {
    summary:
      "The socket's access token expired and no newer one came by `auth.refresh` within the grace; the server " +
      'disconnects right after. Refresh the session and reconnect.',
    payload: objectSchema<Parameters<ServerToClientEvents['auth.expired']>[0]>({
      statusCode: { const: 401 },
      error: { const: 'Unauthorized' },
      code: { const: 'token-expired' },
      message: { type: 'string' },
    }),
  },
  'server.shutdown': {
    summary:
      'This node is shutting down: sent just before it closes the connection. Reconnect (the load balancer picks ' +
      'another node) and catch up by seq, as after any drop.',
    payload: objectSchema<Parameters<ServerToClientEvents['server.shutdown']>[0]>({
      code: { const: 'server-shutting-down' },
      message: { type: 'string' },
    }),
  },
} satisfies { [K in keyof ServerToClientEvents]: MessageSpec<Parameters<ServerToClientEvents[K]>[0]> };

export const CLIENT_MESSAGES = {
  sync: {
    summary: 'Catch-up over the socket: the events of one group after a seq, the same answer as the REST route.',
    description: FEED_ORDER_RULE,
    payload: dto(SyncDto),
    ack: catchUp,
  },
  'presence.get': {
    summary: 'Who of the group is online now, across every node (members only).',
    payload: dto(GroupRefDto),
    ack: objectSchema<{ userIds: string[] }>({ userIds: { type: 'array', items: uuid } }),
  },
  'message.send': {
    summary: 'Posts a message through the same service as REST; acknowledged after commit with the message and seq.',
    description:
      'Retrying with the same `clientId` creates nothing new and is answered as the first attempt was. The ' +
      "message also reaches every member, the sender's other sockets included, as a `message.created` event.",
    payload: dto(SendMessageDto),
    ack: dto(PostedMessage),
  },
  typing: {
    summary: "Says the user is typing: throttled (1.5 s per user), never stored, relayed to the group's others.",
    description: 'No acknowledgement: a refused or throttled hint is dropped.',
    payload: dto(TypingRequestDto),
  },
  'auth.refresh': {
    summary:
      "A newer access token for this socket (same user, same live session): the socket's authority then lasts " +
      'until that token expires, plus a short grace.',
    payload: dto(AuthRefreshDto),
    ack: objectSchema<{ expiresAt: string }>({ expiresAt: dateTime }),
  },
} satisfies { [K in keyof ClientToServerEvents]: ClientMessageSpec<ClientToServerEvents[K]> };

/** Every DTO class the socket protocol's messages name: the OpenAPI document's schemas must hold them all. */
export function socketDtoClasses(): Type<unknown>[] {
  const sources: SchemaSource<never>[] = [
    ...Object.values(FEED_EVENT_DATA),
    ...Object.values(SERVER_MESSAGES).map((message) => message.payload),
    ...Object.values(CLIENT_MESSAGES).flatMap((message) =>
      'ack' in message ? [message.payload, message.ack] : [message.payload],
    ),
  ];
  return [...new Set(sources.flatMap((source) => ('dto' in source ? [source.dto] : [])))];
}
