import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import {
  Fields,
  hugeString,
  JsonObject,
  jsonText,
  JunkLimits,
  objectPayloads,
  percentEncode,
  wellFormedObject,
} from './fuzz-payloads';

/** HTTP-level payloads: request bodies as bytes on the wire with their content type, and Authorization headers. */

export interface BodyPayload {
  variant: string;
  contentType: string;
  data: string | Buffer;
  unknownKeys: string[];
}

/** Bodies as sent on the wire: JSON of every shape, and malformed JSON, other content types, bad bytes, oversize. */
export function bodyPayloads(fields: Fields, limits: JunkLimits, bodyLimitBytes: number): fc.Arbitrary<BodyPayload> {
  const objects = objectPayloads(fields, limits);
  const wellFormed = wellFormedObject(fields);
  const json = (contentType: string) =>
    objects.map((p) => ({ variant: p.variant, contentType, data: jsonText(p.value), unknownKeys: p.unknownKeys }));
  const raw = (variant: string, contentType: string, data: string | Buffer): BodyPayload => ({
    variant,
    contentType,
    data,
    unknownKeys: [],
  });
  return fc.oneof(
    { weight: 30, arbitrary: json('application/json') },
    { weight: 1, arbitrary: json('application/json; charset=utf-8') },
    { weight: 1, arbitrary: json('APPLICATION/JSON') },
    {
      weight: 2,
      arbitrary: fc.tuple(wellFormed, fc.nat()).map(([value, cut]) => {
        const full = jsonText(value);
        return raw('truncated', 'application/json', full.slice(0, cut % Math.max(full.length, 1)));
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('{', '{"a":}', "{'a':1}", 'undefined', '{"a":1,}', 'NaN', '\ufeff{}', '{"a":"\\x"}', '[1,2', '"')
        .map((data) => raw('malformed', 'application/json', data)),
    },
    { weight: 1, arbitrary: fc.constant(raw('empty', 'application/json', '')) },
    {
      weight: 1,
      arbitrary: objects.map((p) => ({ ...raw('text/plain', 'text/plain', jsonText(p.value)) })),
    },
    {
      weight: 2,
      arbitrary: objects
        .filter((p) => p.value instanceof JsonObject)
        .map((p) => ({
          variant: 'urlencoded',
          contentType: 'application/x-www-form-urlencoded',
          data: (p.value as JsonObject).entries
            .map(([k, v]) => `${percentEncode(k)}=${percentEncode(typeof v === 'string' ? v : jsonText(v))}`)
            .join('&'),
          unknownKeys: p.unknownKeys,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(wellFormed, fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]))
        .map(([value, bytes]) => {
          const text = jsonText(value);
          const at = text.lastIndexOf('"');
          const data =
            at > 0
              ? Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))])
              : Buffer.from(bytes);
          return raw('invalid utf-8', 'application/json', data);
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(wellFormed, fc.constantFrom('utf-16', 'latin1', 'bogus', 'utf-7', 'utf-32le'))
        .map(([value, charset]) => raw(`charset ${charset}`, `application/json; charset=${charset}`, jsonText(value))),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream')
        .map((type) => raw(type, type, '<a>1</a>')),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(wellFormed, hugeString(bodyLimitBytes + 1, bodyLimitBytes + 40_000)).map(([value, huge]) => {
        return raw('oversize', 'application/json', jsonText(new JsonObject([...value.entries, ['padding', huge]])));
      }),
    },
  );
}

export type Auth = { kind: 'actor' } | { kind: 'none' } | { kind: 'bogus'; header: string };

/** Mostly the actor's own token; else none, or a bogus one (garbage, alg none, forged or tampered signature). */
export function authPayloads(real: string): fc.Arbitrary<Auth> {
  const [header, claims] = real.split('.');
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
  const forged = `${header}.${claims}.${createHmac('sha256', 'x'.repeat(48)).update(`${header}.${claims}`).digest('base64url')}`;
  const bogus = fc.oneof(
    fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer x', 'Bearer null', 'Bearer undefined'),
    fc.string({ maxLength: 200 }).map((value) => `Bearer ${value}`),
    fc.constant(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${claims}.`),
    fc.constant(`Bearer ${b64({ alg: 'HS512', typ: 'JWT' })}.${b64({ ...decoded, exp: 4102444800 })}.x`),
    fc.constant(`Bearer ${forged}`),
    fc.constant(`Bearer ${real.slice(0, -3)}${real.endsWith('AAA') ? 'BBB' : 'AAA'}`),
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant<Auth>({ kind: 'actor' }) },
    { weight: 1, arbitrary: fc.constant<Auth>({ kind: 'none' }) },
    { weight: 1, arbitrary: bogus.map((value): Auth => ({ kind: 'bogus', header: value })) },
  );
}
