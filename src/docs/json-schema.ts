import type { Type } from '@nestjs/common';

/** A JSON Schema (draft 7, which AsyncAPI's schema format extends), as far as the published documents use it. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/**
 * A payload described by a DTO class whose schema the OpenAPI document holds (or would, as an extra model).
 * `accepts` is never set: its parameter makes `DtoRef<D>` usable where `DtoRef<P>` is expected only when every P is
 * a D, so the value that travels (typed by the event map) always fits the class the document describes.
 */
export interface DtoRef<D> {
  readonly dto: Type<unknown>;
  readonly accepts?: (value: D) => void;
}

export const dto = <D>(type: Type<D>): DtoRef<D> => ({ dto: type });

/** An inline schema for a type that is not a class (an interface, a union), its property names checked against T. */
export interface TypedSchema<T> {
  readonly schema: JsonSchema;
  readonly describes?: (value: T) => void;
}

/** Where a payload's schema comes from: a DTO class the REST API shares, or an inline schema typed against T. */
export type SchemaSource<T> = DtoRef<T> | TypedSchema<T>;

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** Every property of T, no other; its optional ones say so (they are left out of `required`). */
export type PropertiesOf<T> = {
  [K in keyof T]-?: K extends OptionalKeys<T> ? JsonSchema & { optional: true } : JsonSchema & { optional?: never };
};

/** An object schema for T: a property added to or removed from T without its schema here fails to compile. */
export function objectSchema<T>(properties: PropertiesOf<T>, description?: string): TypedSchema<T> {
  const entries = Object.entries(properties) as [string, JsonSchema & { optional?: true }][];
  return {
    schema: {
      type: 'object',
      ...(description ? { description } : {}),
      properties: Object.fromEntries(entries.map(([name, { optional: _, ...schema }]) => [name, schema])),
      required: entries.filter(([, schema]) => !schema.optional).map(([name]) => name),
    },
  };
}

/** A schema T is described by as a whole (a union, a nested reference), checked by hand where keys cannot be. */
export const schemaOf = <T>(schema: JsonSchema): TypedSchema<T> => ({ schema });

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

export const isDtoRef = <T>(source: SchemaSource<T>): source is DtoRef<T> => 'dto' in source;

/** The schema a source stands for in a document whose components hold every DTO class by its name. */
export const schemaFor = <T>(source: SchemaSource<T>): JsonSchema =>
  isDtoRef(source) ? ref(source.dto.name) : source.schema;
