import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { getMetadataStorage } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatchUpQueryDto } from '../../src/events/dto/catch-up.query.dto';
import { CATCH_UP_PATH } from '../../src/docs/delivery-rules';
import { CLIENT_MESSAGES, FEED_EVENT_DATA, SERVER_MESSAGES, socketDtoClasses } from '../../src/docs/socket-messages';
import { createTestApp, TestApp } from '../support/test-app';

interface Message {
  name: string;
  payload: unknown;
}
interface Operation {
  action: 'send' | 'receive';
  messages: { $ref: string }[];
  reply?: { messages: { $ref: string }[] };
  description?: string;
}
interface Document {
  info: { description: string };
  operations: Record<string, Operation>;
  channels: Record<string, { messages: Record<string, { $ref: string }> }>;
  components: {
    messages: Record<string, Message>;
    schemas: Record<string, { properties?: Record<string, unknown>; oneOf?: { $ref: string }[] }>;
  };
}

/** The Socket.IO event names the server's code emits and subscribes to, read from src/realtime's source. */
function eventsInCode(): { emitted: Set<string>; handled: Set<string> } {
  const folder = join(__dirname, '../../src/realtime');
  const source = readdirSync(folder)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(folder, file), 'utf8'))
    .join('\n');
  const names = (pattern: RegExp) => new Set([...source.matchAll(pattern)].map((match) => match[1]));
  return { emitted: names(/\.emit\('([^']+)'/g), handled: names(/@SubscribeMessage\('([^']+)'\)/g) };
}

describe('AsyncAPI document of the socket protocol', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await createTestApp();
    const response = await t.http().get('/api/docs/asyncapi.json');
    expect(response.status).toBe(200);
    doc = response.body as Document;
  });
  afterAll(() => t.close());

  /** The message an operation's (or its reply's) reference names, through the channel's. */
  const resolve = (ref: { $ref: string }): Message => {
    const [, , channel, , key] = ref.$ref.split('/');
    const target = doc.channels[channel].messages[key].$ref.split('/').pop()!;
    return doc.components.messages[target];
  };
  const operationsFor = (action: Operation['action'], event: string) =>
    Object.values(doc.operations).filter(
      (operation) => operation.action === action && resolve(operation.messages[0]).name === event,
    );

  it('is served publicly as JSON beside /api/docs', async () => {
    const response = await t.http().get('/api/docs/asyncapi.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(doc).toMatchObject({ asyncapi: '3.0.0', servers: { tansiq: { pathname: '/socket.io' } } });
  });

  it('is also a page to read, with every event and no script', async () => {
    const response = await t.http().get('/api/docs/asyncapi');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    const page = response.text;
    expect(page).not.toMatch(/<script/i);
    for (const event of [...Object.keys(SERVER_MESSAGES), ...Object.keys(CLIENT_MESSAGES)])
      expect(page).toContain(`<code>${event}</code>`);
    expect(page).toContain(CATCH_UP_PATH);
  });

  it('is a valid AsyncAPI 3.0 document for the official parser', async () => {
    const diagnostics = await new Parser().validate(JSON.stringify(doc));
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
  });

  it('has a send operation for every server → client event of the typed map, and for no other', () => {
    for (const event of Object.keys(SERVER_MESSAGES)) expect(operationsFor('send', event)).toHaveLength(1);
    const sent = Object.values(doc.operations).filter((operation) => operation.action === 'send');
    expect(sent).toHaveLength(Object.keys(SERVER_MESSAGES).length);
  });

  it('has a receive operation for every client → server event, with a reply exactly where the map has an ack', () => {
    for (const [event, spec] of Object.entries(CLIENT_MESSAGES)) {
      const [operation, ...others] = operationsFor('receive', event);
      expect(others).toEqual([]);
      expect(operation).toBeDefined();
      expect(operation.reply !== undefined).toBe('ack' in spec);
    }
    const received = Object.values(doc.operations).filter((operation) => operation.action === 'receive');
    expect(received).toHaveLength(Object.keys(CLIENT_MESSAGES).length);
  });

  it("documents every event the server's code emits and handles", () => {
    const { emitted, handled } = eventsInCode();
    // The adapter re-emits a handler's `{ event, data }` answer, a generic path no handler of ours uses.
    emitted.delete('reply.event');
    expect(emitted.size).toBeGreaterThan(0);
    expect([...emitted].sort()).toEqual(Object.keys(SERVER_MESSAGES).sort());
    expect([...handled].sort()).toEqual(Object.keys(CLIENT_MESSAGES).sort());
  });

  it("describes the `event` payload as one envelope per feed type, each with its DTO's schema", () => {
    const envelopes = doc.components.schemas.FeedEvent.oneOf!.map((ref) => ref.$ref.split('/').pop()!);
    expect(envelopes.sort()).toEqual(
      Object.keys(FEED_EVENT_DATA)
        .map((type) => `FeedEvent.${type}`)
        .sort(),
    );
    for (const [type, data] of Object.entries(FEED_EVENT_DATA)) {
      const envelope = doc.components.schemas[`FeedEvent.${type}`].properties!;
      expect(envelope.type).toEqual({ const: type });
      if ('dto' in data) expect(envelope.data).toEqual({ $ref: `#/components/schemas/${data.dto.name}` });
    }
  });

  it('carries every DTO class it names with the properties the OpenAPI document gives it', async () => {
    const openApi = (await t.http().get('/api/docs-json')).body as Document;
    for (const type of socketDtoClasses()) {
      const schema = doc.components.schemas[type.name];
      expect(schema).toBeDefined();
      const described = openApi.components.schemas[type.name];
      if (described) expect(Object.keys(schema.properties ?? {})).toEqual(Object.keys(described.properties ?? {}));
    }
  });

  it('states the ordering rule: per-group seq, out-of-order pushes, catch-up by seq on the real REST route', async () => {
    const description = doc.info.description;
    expect(description).toMatch(/seq` counts per group/);
    expect(description).toMatch(/may arrive out of order/);
    expect(description).toContain(`GET ${CATCH_UP_PATH}?after={cursor}`);
    expect(description).toMatch(/duplicate/);
    expect(operationsFor('send', 'event')[0].description).toContain(CATCH_UP_PATH);
    expect(operationsFor('receive', 'sync')[0].description).toContain(CATCH_UP_PATH);
    // The path is the REST API's, and the query the rule names is the one its DTO validates.
    const openApi = (await t.http().get('/api/docs-json')).body as { paths: Record<string, { get?: object }> };
    expect(openApi.paths[CATCH_UP_PATH]?.get).toBeDefined();
    const validated = getMetadataStorage()
      .getTargetValidationMetadatas(CatchUpQueryDto, '', true, false)
      .map((rule) => rule.propertyName);
    expect([...new Set(validated)].sort()).toEqual(['after', 'limit']);
    for (const name of validated) expect(description).toContain(`${name}=`);
  });

  it('names only REST routes that exist', async () => {
    const openApi = (await t.http().get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const named = [...JSON.stringify(doc).matchAll(/\b(GET|POST) (\/api\/[\w/{}.-]+)/g)].map(([, method, path]) => ({
      method,
      path,
    }));
    expect(named.length).toBeGreaterThan(2);
    for (const { method, path } of named)
      expect(`${method} ${path}: ${!!openApi.paths[path]?.[method.toLowerCase()]}`).toBe(`${method} ${path}: true`);
  });
});
