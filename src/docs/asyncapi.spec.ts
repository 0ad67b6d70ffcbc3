import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { buildAsyncApi } from './asyncapi';
import { jsonSchemasFrom, toJsonSchema } from './openapi-schemas';
import { socketDtoClasses } from './socket-messages';

const OPTIONS = { host: 'tansiq.example', secure: true, version: '1' };

/** Schemas as @nestjs/swagger writes them with its CLI plugin (nullable fields, references, examples). */
function openApiSchemas(): Record<string, Record<string, unknown>> {
  const schemas: Record<string, Record<string, unknown>> = {
    PersonDto: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    Unused: { type: 'object', properties: {} },
  };
  for (const type of socketDtoClasses()) {
    schemas[type.name] = {
      type: 'object',
      properties: {
        body: { type: 'string', nullable: true, example: 'hello' },
        author: {
          type: 'object',
          nullable: true,
          description: 'who',
          allOf: [{ $ref: '#/components/schemas/PersonDto' }],
        },
        status: { type: 'string', enum: ['open', 'done'], nullable: true },
        people: { type: 'array', items: { $ref: '#/components/schemas/PersonDto' } },
      },
      required: ['body', 'author'],
    };
  }
  return schemas;
}

describe('buildAsyncApi', () => {
  it('builds a document the official AsyncAPI parser validates without an error', async () => {
    const document = buildAsyncApi(openApiSchemas(), OPTIONS);
    const diagnostics = await new Parser().validate(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
  });

  it('carries the schemas its messages reference, through each other, and no other', () => {
    const { schemas } = buildAsyncApi(openApiSchemas(), OPTIONS).components;
    expect(schemas.PersonDto).toBeDefined();
    expect(schemas.Unused).toBeUndefined();
    for (const type of socketDtoClasses()) expect(schemas[type.name]).toBeDefined();
  });

  it('refuses OpenAPI schemas that lack a DTO class it names', () => {
    const schemas = openApiSchemas();
    delete schemas.MessageDto;
    expect(() => buildAsyncApi(schemas, OPTIONS)).toThrow('no schema named MessageDto');
  });

  it('says wss behind https and ws otherwise', () => {
    const protocol = (secure: boolean) =>
      (buildAsyncApi(openApiSchemas(), { ...OPTIONS, secure }).servers as Record<string, { protocol: string }>).tansiq
        .protocol;
    expect([protocol(true), protocol(false)]).toEqual(['wss', 'ws']);
  });
});

describe('OpenAPI schemas as JSON Schema', () => {
  it('turns nullable into a null type, null enum value or a oneOf with null', () => {
    expect(toJsonSchema({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({ type: 'string', enum: ['a'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    const person = { $ref: '#/components/schemas/X' };
    expect(toJsonSchema({ type: 'object', nullable: true, description: 'd', allOf: [person] })).toEqual({
      description: 'd',
      oneOf: [{ type: 'object', allOf: [person] }, { type: 'null' }],
    });
  });

  it('converts nested properties and items, and an example into examples', () => {
    expect(
      toJsonSchema({
        type: 'object',
        properties: { list: { type: 'array', items: { type: 'integer', nullable: true, example: 1 } } },
      }),
    ).toEqual({
      type: 'object',
      properties: { list: { type: 'array', items: { type: ['integer', 'null'], examples: [1] } } },
    });
  });

  it('leaves names the caller provides to the caller', () => {
    const roots = [{ $ref: '#/components/schemas/Own' }, { $ref: '#/components/schemas/A' }];
    expect(Object.keys(jsonSchemasFrom({ A: { type: 'object' } }, roots, new Set(['Own'])))).toEqual(['A']);
  });
});
