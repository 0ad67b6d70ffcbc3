import fc from 'fast-check';

/**
 * Generated payloads for the fuzzing suites. JSON is built as text, so that keys such as `__proto__` stay own keys
 * (an object literal would set the prototype instead) and nesting can go deeper than JSON.stringify recurses.
 */
export class JsonObject {
  constructor(readonly entries: [string, Json][]) {}
}

/** A fragment written as is: deep nesting, numbers JavaScript cannot hold (1e400). */
export class RawJson {
  constructor(
    readonly text: string,
    readonly label: string,
  ) {}
}

export type Json = null | boolean | number | string | Json[] | JsonObject | RawJson;

export function jsonText(value: Json): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonObject) {
    return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`).join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  return JSON.stringify(value) ?? 'null';
}

/** The payload as a plain value (own `__proto__` keys kept), for socket.io-client. */
export function jsonValue(value: Json): unknown {
  return JSON.parse(jsonText(value));
}

/** A short, printable account of a payload for failure messages: long runs are summarised, not dumped. */
export function summarize(text: string, max = 240): string {
  const squeezed = text.replace(/(.{12})\1{3,}/gs, (run, unit: string) => `${unit}…×${run.length / unit.length}`);
  const shown = squeezed.length > max ? `${squeezed.slice(0, max)}… (${text.length} chars)` : squeezed;
  return JSON.stringify(shown);
}

const obj = (entries: Record<string, Json>) => new JsonObject(Object.entries(entries));

/** Keys that name Object.prototype members or reach it: a validator that looks keys up on an object trips on them. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
];

const EDGE_PIECES = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\u202e',
  '\u202d\u2066',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\ufffe\uffff',
  'e\u0301',
  'Z\u0351\u0352\u0357\u034a\u0310\u036b\u0300\u0301\u0302',
  'مرحبا بالعالم',
  'שלום',
  '👍',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '\u{10ffff}',
  '\u{e0001}',
  '\r\n',
  '\t',
  '\u2028\u2029',
  '\u0085',
  '\u00a0',
  'İ',
  'ß',
  'ﬀ',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '%00',
  '%s%n',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  '\\',
  '"',
  '`',
  '[x](javascript:alert(1))',
  '<@00000000-0000-0000-0000-000000000000>',
  '**b**',
  '```',
];

/** Unicode edge cases: lone surrogates, NUL, bidi overrides, zero-width joiners, combining marks, emoji, RTL text. */
export const edgeString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...EDGE_PIECES) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 6 }) },
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join(''));

/** Ordinary text of a length a DTO accepts, sometimes with edge cases inside (never at the ends, which are trimmed). */
export function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const plain = fc
    .string({ unit: 'grapheme-ascii', minLength, maxLength: Math.min(maxLength, 40) })
    .map((value) => value.trim())
    .filter((value) => value.length >= minLength);
  const edged = edgeString
    .map((edge) => `Ab ${edge} cd`)
    .filter((value) => value.length >= minLength && value.length <= maxLength);
  return fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: edged });
}

const HUGE_PIECES = ['x', 'é', '👍', 'مرحبا ', 'a\u0301', 'ab\u0000', '\ud800'];

/** Long strings made of one repeated piece (cheap to generate); slicing may split a surrogate pair on purpose. */
export function hugeString(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: minLength, max: maxLength }), fc.constantFrom(...HUGE_PIECES))
    .map(([length, piece]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));
}

/** Arrays or objects nested `depth` levels deep, as raw JSON text. */
export function deepNesting(maxDepth: number): fc.Arbitrary<RawJson> {
  const depth = fc.oneof(fc.constant(maxDepth), fc.integer({ min: 100, max: maxDepth }));
  return fc.tuple(depth, fc.constantFrom('array', 'object', 'mixed')).map(([d, shape]) => {
    if (shape === 'array') return new RawJson('['.repeat(d) + ']'.repeat(d), `${d}-deep array`);
    if (shape === 'object') return new RawJson('{"a":'.repeat(d) + '1' + '}'.repeat(d), `${d}-deep object`);
    const half = Math.ceil(d / 2);
    return new RawJson('[{"a":'.repeat(half) + 'null' + '}]'.repeat(half), `${d}-deep mixed`);
  });
}

/** An own `__proto__` / `constructor.prototype` key carrying a marker that would show up on every object. */
export const pollutionEntry: fc.Arbitrary<[string, Json]> = fc.constantFrom<[string, Json]>(
  ['__proto__', obj({ polluted: 'yes' })],
  ['__proto__', obj({ isAdmin: true, toString: 'polluted' })],
  ['constructor', obj({ prototype: obj({ polluted: 'yes' }) })],
  ['prototype', obj({ polluted: 'yes' })],
  ['__proto__', null],
  ['__proto__', 'polluted'],
  ['constructor', 1],
  ['toString', 'polluted'],
  ['hasOwnProperty', 'polluted'],
  ['valueOf', 0],
);

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Almost-UUIDs: the shapes a lenient check lets through to the database. */
export const badUuid: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(NIL_UUID, 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'not-a-uuid', '1', '', ' '),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => id.replace(/-/g, '')),
  fc.uuid().map((id) => ` ${id} `),
  fc.uuid().map((id) => `${id}x`),
  fc.uuid().map((id) => `{${id}}`),
  fc.uuid().map((id) => id.slice(0, 35)),
);

const badDate = fc.constantFrom(
  '2027-02-30',
  '2027-13-01',
  '9999-99-99',
  '0000-01-01',
  '2027-03-31T00:00:00Z',
  '+275760-09-13',
  '-000001-01-01',
  '2027-3-1',
  '31/03/2027',
  'today',
);

const scalarJunk: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, -0, 2 ** 53 + 2, 1e308, -1e308, '', ' ', '0', 'true', 'null'),
  fc.constantFrom(
    new RawJson('1e400', '1e400'),
    new RawJson('-1e400', '-1e400'),
    new RawJson('123456789012345678901234567890', 'a 30-digit integer'),
    new RawJson('1e-400', '1e-400'),
  ),
  fc.integer(),
  fc.double(),
  edgeString,
  badUuid,
  badDate,
);

export interface JunkLimits {
  /** Longest generated string; above the body limit only where a 413 is wanted. */
  maxString: number;
  maxDepth: number;
}

/** A value of any wrong kind: other types, edge strings, long strings, deep nesting, prototype keys. */
export function junk(limits: JunkLimits): fc.Arbitrary<Json> {
  const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 }), edgeString);
  return fc.oneof(
    { weight: 6, arbitrary: scalarJunk },
    { weight: 1, arbitrary: hugeString(1000, limits.maxString) },
    { weight: 1, arbitrary: deepNesting(limits.maxDepth) },
    { weight: 2, arbitrary: fc.array(scalarJunk, { maxLength: 5 }) },
    {
      weight: 2,
      arbitrary: fc.array(fc.tuple(key, scalarJunk), { maxLength: 4 }).map((entries) => new JsonObject(entries)),
    },
    { weight: 1, arbitrary: pollutionEntry.map((entry) => new JsonObject([entry])) },
  );
}

/** What a DTO accepts for one field; `required` fields are in every well-formed payload. */
export interface FieldSpec {
  valid: fc.Arbitrary<Json>;
  required?: boolean;
}
export type Fields = Record<string, FieldSpec>;
export const required = (valid: fc.Arbitrary<Json>): FieldSpec => ({ valid, required: true });
export const optional = (valid: fc.Arbitrary<Json>): FieldSpec => ({ valid });

export type ObjectVariant =
  | 'well-formed'
  | 'wrong-type'
  | 'missing'
  | 'extra'
  | 'pollution'
  | 'deep'
  | 'long-string'
  | 'not-an-object'
  | 'random-object';

export interface ObjectPayload {
  variant: ObjectVariant;
  value: Json;
  /** Top-level keys the DTO does not declare: a 2xx for such a payload means an unknown property was accepted. */
  unknownKeys: string[];
}

/** A payload the DTO accepts: every required field and some optional ones, with valid values. */
export function wellFormedObject(fields: Fields): fc.Arbitrary<JsonObject> {
  return wellFormed(fields).map((entries) => new JsonObject(entries));
}

function wellFormed(fields: Fields): fc.Arbitrary<[string, Json][]> {
  const parts = Object.entries(fields).map(([name, spec]) => {
    const entry = spec.valid.map((value): [string, Json] => [name, value]);
    return spec.required ? entry.map((e) => [e]) : fc.option(entry, { nil: null }).map((e) => (e ? [e] : []));
  });
  return fc.tuple(...parts).map((lists) => lists.flat());
}

function withEntry(entries: [string, Json][], entry: [string, Json], at: number): [string, Json][] {
  const kept = entries.filter(([key]) => key !== entry[0]);
  const index = at % (kept.length + 1);
  return [...kept.slice(0, index), entry, ...kept.slice(index)];
}

/** Objects for one DTO: well-formed, one field wrong, fields missing, unknown keys, pollution keys, non-objects. */
export function objectPayloads(fields: Fields, limits: JunkLimits): fc.Arbitrary<ObjectPayload> {
  const names = Object.keys(fields);
  const known = new Set(names);
  const base = wellFormed(fields);
  const field = names.length ? fc.constantFrom(...names) : fc.constant('body');
  const unknownKey = fc
    .oneof(
      fc.constantFrom(...PROTOTYPE_KEYS, 'id', 'isAdmin', 'role', 'groupId', 'userId', 'createdAt', 'seq', 'admin'),
      fc.string({ minLength: 1, maxLength: 16 }),
      edgeString,
    )
    .filter((key) => !known.has(key));
  const position = fc.nat();
  const make = (variant: ObjectVariant) => (entries: [string, Json][]) => ({ variant, entries });
  const shaped = fc.oneof(
    { weight: 5, arbitrary: base.map(make('well-formed')) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(base, field, junk(limits), position)
        .map(([entries, name, value, at]) => make('wrong-type')(withEntry(entries, [name, value], at))),
    },
    {
      weight: names.length ? 2 : 0,
      arbitrary: fc
        .tuple(base, fc.subarray(names, { minLength: Math.min(1, names.length) }))
        .map(([entries, dropped]) => make('missing')(entries.filter(([key]) => !dropped.includes(key)))),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(base, fc.array(fc.tuple(unknownKey, scalarJunk), { minLength: 1, maxLength: 3 }), position)
        .map(([entries, extra, at]) => make('extra')(extra.reduce((all, entry) => withEntry(all, entry, at), entries))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(base, pollutionEntry, position)
        .map(([entries, entry, at]) => make('pollution')(withEntry(entries, entry, at))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(base, field, deepNesting(limits.maxDepth), position)
        .map(([entries, name, value, at]) => make('deep')(withEntry(entries, [name, value], at))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, field, hugeString(Math.min(10_000, limits.maxString / 2), limits.maxString), position)
        .map(([entries, name, value, at]) => make('long-string')(withEntry(entries, [name, value], at))),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(field, unknownKey), junk(limits)), { maxLength: 5 })
        .map(make('random-object')),
    },
  );
  const objects = shaped.map(({ variant, entries }) => ({
    variant,
    value: new JsonObject(entries) as Json,
    unknownKeys: entries.map(([key]) => key).filter((key) => !known.has(key)),
  }));
  const nonObjects = fc
    .oneof(scalarJunk, fc.array(scalarJunk, { maxLength: 3 }), deepNesting(limits.maxDepth))
    .map((value): ObjectPayload => ({ variant: 'not-an-object', value, unknownKeys: [] }));
  return fc.oneof({ weight: 12, arbitrary: objects }, { weight: 1, arbitrary: nonObjects });
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes UTF-8 bytes; a lone surrogate becomes U+FFFD as in any real client. */
export function percentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Sequences that are not valid percent-encoding or not valid UTF-8 once decoded: sent exactly as written. */
const RAW_BAD_ESCAPES = ['%', '%Z', '%ZZ', '%E0%A4%A', '%FF', '%C0%AF', '%ED%A0%80', '%00', '%2e%2e', '%2F', '..', '.'];

/** A path parameter: usually a real id of the scene, else something a router, a pipe or a query must refuse. */
export function pathSegment(real: string[]): fc.Arbitrary<string> {
  const junkSegment = fc.oneof(
    fc.uuid(),
    badUuid.filter((value) => value.length > 0).map(percentEncode),
    fc.constantFrom(...RAW_BAD_ESCAPES),
    edgeString.map(percentEncode),
    fc.string({ minLength: 1, maxLength: 40 }).map(percentEncode),
    fc.constantFrom(...real).map((id) => id.toUpperCase()),
    fc.constantFrom(...real).map((id) => `${id}${percentEncode("' OR 1=1 --")}`),
    // Long, but short enough that the request line stays under Node's 16 KB header limit (431 is not the app's).
    hugeString(200, 1000).map((value) => percentEncode(value).slice(0, 1500)),
    fc.integer().map(String),
  );
  return fc.oneof({ weight: 7, arbitrary: fc.constantFrom(...real) }, { weight: 3, arbitrary: junkSegment });
}

export interface QueryPayload {
  text: string;
  /** Parameters the query DTO does not declare. */
  unknownKeys: string[];
}

const queryJunkValue = fc.oneof(
  fc.constantFrom('-1', '0', '101', '1.5', 'abc', '', '1e3', ' 1', '0x10', 'Infinity', 'NaN', '9'.repeat(30), 'null'),
  fc.constantFrom('3e9', '1e20', '2147483648', '9007199254740993', '9223372036854775808', '-0', '1.5e1', '0000-01-01'),
  fc.constantFrom(...RAW_BAD_ESCAPES),
  edgeString.map(percentEncode),
  hugeString(300, 1500).map((value) => percentEncode(value).slice(0, 2000)),
);

/** Numbers at and past every edge a cursor part meets: int4, int8, safe integers, doubles, signs and fractions. */
const NUMERIC_EDGES = [
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  -1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  3e9,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 63,
  -(2 ** 63),
  1e20,
  1e300,
  -1e300,
  Number.MIN_VALUE,
  Number.EPSILON,
];
/** The same edges as a bigint column's cursor carries them: decimal strings, and what else a hand could write. */
const INTEGER_TEXT_EDGES = [
  '0',
  '-1',
  '01',
  '1.5',
  '1e3',
  '2147483647',
  '2147483648',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '99999999999999999999',
  ' 1',
  '0x10',
  '',
];
/** Days and instants at and past what PostgreSQL and a calendar accept. */
const DATE_EDGES = [
  '0000-01-01',
  '0001-01-01',
  '1969-12-31',
  '1970-01-01',
  '2024-02-29',
  '2023-02-29',
  '2026-02-30',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  '9999-12-31',
  '10000-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '2026-1-1',
];
const TIMESTAMP_EDGES = [
  '0000-01-01T00:00:00.000Z',
  '0001-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '2026-02-30T00:00:00.000Z',
  '2026-01-01T24:00:00.000Z',
  '2026-01-01T23:59:60.000Z',
  '2026-01-01T00:00:00.1234567Z',
  '2026-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2026-01-01 00:00:00',
];
const TEXT_EDGES = ['', 'a\u0000b', '\u0000', '\ud800', 'x'.repeat(401), 'zzz', 'مرحبا'];

/** One cursor part: a well-formed value or an edge of any kind. */
const cursorPart: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(...NUMERIC_EDGES),
  fc.constantFrom<Json>(...INTEGER_TEXT_EDGES),
  fc.constantFrom<Json>(...DATE_EDGES),
  fc.constantFrom<Json>(...TIMESTAMP_EDGES),
  fc.constantFrom<Json>(...TEXT_EDGES),
  fc.uuid(),
  badUuid,
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

/**
 * A cursor of the shape some list returns ([pinned, time, id], [name, id], [time, id], [day, id], [id]) whose parts
 * are well-formed or at a numeric, date or text edge: what a hand-made cursor sends to the query.
 */
export const edgeCursor: fc.Arbitrary<string> = fc
  .array(cursorPart, { minLength: 1, maxLength: 3 })
  .map((key) => Buffer.from(jsonText(key)).toString('base64url'));

/** A garbage cursor: random base64url, or the base64url of a key of the wrong shape. */
export const badCursor: fc.Arbitrary<string> = fc.oneof(
  edgeCursor,
  fc.base64String({ maxLength: 40 }).map((value) => value.replace(/=+$/, '')),
  fc.array(scalarJunk, { maxLength: 3 }).map((key) => Buffer.from(jsonText(key)).toString('base64url')),
  fc.constant(Buffer.from('{"__proto__":{"polluted":"yes"}}').toString('base64url')),
  fc.constant(
    Buffer.from('[' + '['.repeat(5000) + ']'.repeat(5000) + ']')
      .toString('base64url')
      .slice(0, 200),
  ),
  fc.string({ minLength: 201, maxLength: 400 }).map(percentEncode),
);

/**
 * Query strings for a route: valid values, wrong ones (limit=-1, cursor=garbage), repeated keys (arrays for
 * scalars), bracket nesting, prototype keys and raw garbage. `fields` maps each declared parameter to valid values.
 */
export function queryPayloads(fields: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<QueryPayload> {
  const names = Object.keys(fields);
  const known = new Set(names);
  const pair = (key: string, value: string) => `${percentEncode(key)}=${value}`;
  const valid = fc
    .tuple(...names.map((name) => fc.option(fields[name].map((value) => pair(name, percentEncode(value))))))
    .map((pairs) => pairs.filter((p): p is string => p !== null));
  const field = names.length ? fc.constantFrom(...names) : fc.constant('limit');
  const unknownKey = fc
    .oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'offset', 'page', 'admin'), fc.string({ minLength: 1, maxLength: 12 }))
    .filter((key) => !known.has(key));
  const build = (pairs: string[], unknownKeys: string[] = []): QueryPayload => ({ text: pairs.join('&'), unknownKeys });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(build([])) },
    { weight: 4, arbitrary: valid.map((pairs) => build(pairs)) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(valid, field, queryJunkValue)
        .map(([pairs, name, value]) => build([...pairs, pair(name, value)])),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, badCursor).map(([pairs, cursor]) => build([...pairs, pair('cursor', cursor)])),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(field, fc.array(fc.oneof(queryJunkValue, fc.constant('1')), { minLength: 2, maxLength: 4 }))
        .map(([name, values]) => build(values.map((value) => pair(name, value)))),
    },
    {
      weight: 1,
      arbitrary: field.map((name) =>
        build([`${percentEncode(name)}[a]=1`, `${percentEncode(name)}[]=2`], [`${name}[a]`, `${name}[]`]),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, unknownKey, queryJunkValue)
        .map(([pairs, key, value]) => build([...pairs, pair(key, value)], [key])),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          ['__proto__[polluted]=yes', '__proto__[polluted]'],
          ['constructor[prototype][polluted]=yes', 'constructor[prototype][polluted]'],
          ['__proto__=x', '__proto__'],
          ['constructor=1', 'constructor'],
          ['toString=1', 'toString'],
        )
        .map(([raw, key]) => build([raw], [key])),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('&&&', '=', '==1', '?', ';', '&=&', '%', 'a=%ZZ&b').map((raw) => build([raw])),
    },
  );
}
