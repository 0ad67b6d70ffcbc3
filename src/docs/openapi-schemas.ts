import type { JsonSchema } from './json-schema';

/** An OpenAPI 3.0 schema as @nestjs/swagger writes it (`nullable`, a single `example`), loosely typed. */
export type OpenApiSchema = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';

/**
 * The named schemas `roots` reference, directly or through each other, as JSON Schema: OpenAPI 3.0's `nullable`
 * becomes a `null` type (or a `oneOf` with one), `example` becomes `examples`. Names in `provided` are the
 * caller's; any other absent from `schemas` throws: a document with a dangling reference is worse than none.
 */
export function jsonSchemasFrom(
  schemas: Record<string, OpenApiSchema>,
  roots: unknown[],
  provided: ReadonlySet<string> = new Set(),
): Record<string, JsonSchema> {
  const result: Record<string, JsonSchema> = {};
  const pending = roots.flatMap(refsIn);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in result || provided.has(name)) continue;
    const schema = schemas[name];
    if (!schema) throw new Error(`The OpenAPI document has no schema named ${name}`);
    result[name] = toJsonSchema(schema);
    pending.push(...refsIn(schema));
  }
  return result;
}

/** The component names a schema references, at any depth. */
export function refsIn(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(refsIn);
  if (!schema || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)
      ? [value.slice(REF_PREFIX.length)]
      : refsIn(value),
  );
}

const SUBSCHEMA_LISTS = ['allOf', 'oneOf', 'anyOf'];
const SUBSCHEMAS = ['items', 'not', 'additionalProperties'];
const COMPOSITION = ['$ref', ...SUBSCHEMA_LISTS];

export function toJsonSchema(schema: OpenApiSchema): JsonSchema {
  const { nullable, example, discriminator, ...rest } = schema;
  const out: Record<string, unknown> = { ...rest };
  if (example !== undefined) out.examples = [example];
  if (discriminator && typeof discriminator === 'object' && 'propertyName' in discriminator)
    out.discriminator = discriminator.propertyName;
  if (rest.properties && typeof rest.properties === 'object')
    out.properties = Object.fromEntries(
      Object.entries(rest.properties as Record<string, OpenApiSchema>).map(([name, value]) => [
        name,
        toJsonSchema(value),
      ]),
    );
  for (const key of SUBSCHEMA_LISTS)
    if (Array.isArray(rest[key])) out[key] = (rest[key] as OpenApiSchema[]).map(toJsonSchema);
  for (const key of SUBSCHEMAS)
    if (rest[key] && typeof rest[key] === 'object') out[key] = toJsonSchema(rest[key] as OpenApiSchema);
  if (nullable !== true) return out;
  if (typeof out.type === 'string' && !COMPOSITION.some((key) => key in out)) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  // A nullable reference (`{ type: 'object', nullable: true, allOf: [{ $ref }] }`): that schema, or null (a null
  // type beside the allOf would still have to match the reference).
  const { description, ...value } = out;
  return { ...(typeof description === 'string' ? { description } : {}), oneOf: [value, { type: 'null' }] };
}
