import type { ClientEventType } from '../events/events';
import { CONNECTION_RULES, FEED_ORDER_RULE } from './delivery-rules';
import { JsonSchema, ref, schemaFor, SchemaSource } from './json-schema';
import { jsonSchemasFrom, OpenApiSchema } from './openapi-schemas';
import {
  CLIENT_MESSAGES,
  errorResponse,
  FEED_EVENT_DATA,
  FEED_EVENT_SCHEMA,
  MessageSpec,
  SERVER_MESSAGES,
} from './socket-messages';

/** The AsyncAPI 3.0 document, as plain JSON (validated against the specification by the tests). */
export type AsyncApiDocument = Record<string, unknown> & {
  asyncapi: '3.0.0';
  components: Record<string, unknown> & { schemas: Record<string, JsonSchema> };
};

export interface AsyncApiOptions {
  /** Where clients connect: PUBLIC_URL's host, and `wss` behind https. */
  host: string;
  secure: boolean;
  version: string;
}

const CHANNEL = 'socket';
const channelRef = { $ref: `#/channels/${CHANNEL}` };
/** An operation names its messages through its channel's. */
const messageRef = (key: string) => ({ $ref: `#/channels/${CHANNEL}/messages/${key}` });
const ERROR_RESPONSE = 'ErrorResponse';

/**
 * The socket protocol as an AsyncAPI 3.0 document, from the typed maps in socket-messages.ts. `openApiSchemas` are
 * the OpenAPI document's component schemas: every DTO class named there must be among them, and their schemas
 * (with those they reference) are carried over, so both documents describe a DTO the same way.
 */
export function buildAsyncApi(
  openApiSchemas: Record<string, OpenApiSchema>,
  options: AsyncApiOptions,
): AsyncApiDocument {
  const messages: Record<string, object> = {};
  const operations: Record<string, object> = {};

  for (const [event, spec] of Object.entries(SERVER_MESSAGES) as [string, MessageSpec<never>][]) {
    messages[event] = message(event, spec);
    operations[`send.${event}`] = {
      action: 'send',
      channel: channelRef,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      messages: [messageRef(event)],
    };
  }
  for (const [event, spec] of Object.entries(CLIENT_MESSAGES) as [
    string,
    MessageSpec<never> & { ack?: SchemaSource<never> },
  ][]) {
    messages[`${event}.request`] = message(event, spec);
    if (spec.ack) messages[`${event}.ack`] = ackMessage(event, spec.ack);
    operations[`receive.${event}`] = {
      action: 'receive',
      channel: channelRef,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      messages: [messageRef(`${event}.request`)],
      ...(spec.ack ? { reply: { channel: channelRef, messages: [messageRef(`${event}.ack`)] } } : {}),
    };
  }

  const own: Record<string, JsonSchema> = {
    [FEED_EVENT_SCHEMA]: feedEventSchema(),
    [ERROR_RESPONSE]: errorResponse.schema,
  };
  for (const [type, data] of Object.entries(FEED_EVENT_DATA)) own[feedEventName(type)] = feedEnvelope(type, data);

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Tansiq socket protocol',
      version: options.version,
      description: `${CONNECTION_RULES}\n\n${FEED_ORDER_RULE}\n\nThe REST API, and every DTO named here: /api/docs.`,
    },
    defaultContentType: 'application/json',
    servers: {
      tansiq: {
        host: options.host,
        protocol: options.secure ? 'wss' : 'ws',
        pathname: '/socket.io',
        protocolVersion: '5',
        title: 'Socket.IO on the API server',
        description: 'Socket.IO (Engine.IO 4 framing): use a Socket.IO client, not a bare WebSocket.',
        security: [{ $ref: '#/components/securitySchemes/handshakeToken' }],
      },
    },
    channels: {
      [CHANNEL]: {
        address: '/',
        title: 'The default namespace',
        description: "Every event travels on the default namespace; the Socket.IO event name is each message's `name`.",
        messages: Object.fromEntries(
          Object.keys(messages).map((key) => [key, { $ref: `#/components/messages/${key}` }]),
        ),
      },
    },
    operations,
    components: {
      schemas: { ...jsonSchemasFrom(openApiSchemas, [own, messages], new Set(Object.keys(own))), ...own },
      messages,
      securitySchemes: {
        handshakeToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Not an HTTP header: the token travels in the Socket.IO handshake, `io(url, { auth: { token } })`. An ' +
            'access token (JWT) of a live session, or an API token (`tsq_…`).',
        },
      },
    },
  };
}

function message(event: string, spec: MessageSpec<never>): object {
  return {
    name: event,
    title: event,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    payload: schemaFor(spec.payload),
  };
}

function ackMessage(event: string, ack: SchemaSource<never>): object {
  return {
    name: `${event} acknowledgement`,
    title: `${event} acknowledgement`,
    summary: `The callback's argument: \`{ ok: true, data }\`, or \`{ ok: false, error }\` when refused.`,
    payload: {
      oneOf: [
        { type: 'object', properties: { ok: { const: true }, data: schemaFor(ack) }, required: ['ok', 'data'] },
        { type: 'object', properties: { ok: { const: false }, error: ref(ERROR_RESPONSE) }, required: ['ok', 'error'] },
      ],
    },
  };
}

const feedEventName = (type: string) => `FeedEvent.${type}`;

function feedEventSchema(): JsonSchema {
  return {
    description: 'One change-feed entry, discriminated by `type`; `data` is the DTO the REST API returns for it.',
    oneOf: (Object.keys(FEED_EVENT_DATA) as ClientEventType[]).map((type) => ref(feedEventName(type))),
  };
}

function feedEnvelope(type: string, data: SchemaSource<never>): JsonSchema {
  return {
    type: 'object',
    properties: {
      groupId: { type: 'string', format: 'uuid' },
      seq: { type: 'integer', minimum: 1, description: 'Per group, gap-free, in commit order.' },
      type: { const: type },
      data: schemaFor(data),
      actorId: { type: ['string', 'null'], format: 'uuid', description: 'Who did it; null for the system.' },
      at: { type: 'string', format: 'date-time', description: 'When it was committed.' },
    },
    required: ['groupId', 'seq', 'type', 'data', 'actorId', 'at'],
  };
}
