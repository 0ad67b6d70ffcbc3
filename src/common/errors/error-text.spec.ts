import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorText, fieldErrorText, isErrorCode, isFieldErrorCode } from './error-text';
import { ar, arField } from './texts/ar';
import { arFieldName, arFieldNames } from './texts/ar-field-names';
import { en, enField } from './texts/en';

/** A sample for every placeholder: what a param looks like is all the checks below need. */
const SAMPLE = '⟦param⟧';
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
const sampleParams = (template: string) => Object.fromEntries(placeholders(template).map((name) => [name, SAMPLE]));

/**
 * The Latin words an Arabic message may keep: protocol names, header and field names of the API, and the examples
 * a format is shown by. Anything else in Latin letters is English left untranslated.
 */
const TECHNICAL_WORDS = new Set([
  'JSON',
  'application/json',
  'UUID',
  'NUL',
  'Origin',
  'If-Match',
  // An environment variable's name is typed as it is.
  'METRICS_TOKEN',
  'https',
  'auth.refresh',
  'auth.token',
  'before',
  'after',
  'around',
  'iom.int',
  'Africa/Cairo',
  'aaa',
  'abc',
  'abcabcabc',
  'SVG',
  'file',
]);

function untranslated(text: string): string[] {
  const words =
    text
      .split(SAMPLE)
      .join(' ')
      .match(/[A-Za-z][\w./-]*[A-Za-z]|[A-Za-z]/g) ?? [];
  return words.filter((word) => !TECHNICAL_WORDS.has(word));
}

describe('error catalogue', () => {
  it('has every English code in Arabic and nothing more', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(arField).sort()).toEqual(Object.keys(enField).sort());
  });

  it.each(Object.keys(en))('says %s in Arabic, with no English left but names and ids', (code) => {
    const text = errorText(code, sampleParams(en[code as keyof typeof en]), 'ar')!;
    expect(text).toMatch(/[\u0600-\u06ff]/);
    expect(untranslated(text)).toEqual([]);
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it.each(Object.keys(enField))('says the field code %s in Arabic, with no English left but names and ids', (code) => {
    const template = enField[code as keyof typeof enField];
    const text = fieldErrorText({ field: SAMPLE, code, params: sampleParams(template) }, 'ar')!;
    expect(text).toMatch(/[\u0600-\u06ff]/);
    expect(untranslated(text)).toEqual([]);
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it('uses in Arabic no placeholder that English does not fill', () => {
    const extra = [
      ...Object.entries(ar).flatMap(([code, text]) =>
        placeholders(text)
          .filter((name) => !placeholders(en[code as keyof typeof en]).includes(name))
          .map((name) => `${code}: {${name}}`),
      ),
      ...Object.entries(arField).flatMap(([code, text]) =>
        placeholders(text)
          .filter((name) => name !== 'field' && !placeholders(enField[code as keyof typeof enField]).includes(name))
          .map((name) => `${code}: {${name}}`),
      ),
    ];
    expect(extra).toEqual([]);
  });

  it('answers null for a code it does not know, so a client falls back to the server text', () => {
    expect(errorText('from-a-newer-server', {}, 'ar')).toBeNull();
    expect(errorText('toString', {}, 'ar')).toBeNull();
    expect(fieldErrorText({ field: 'x', code: 'constructor' })).toBeNull();
  });
});

/** Every non-test TypeScript file under src/. */
function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    return [{ path, text: readFileSync(path, 'utf8') }];
  });
}

describe('what the server throws', () => {
  const files = sources(join(__dirname, '..', '..'));

  it('names only codes of the catalogue', () => {
    // The mail module's inbound replies have a refusal() of their own (what the reply email says).
    const throwers = files.filter(({ text }) => /errors\/refusal'|SocketAuthError\(/.test(text));
    expect(throwers.length).toBeGreaterThan(30);
    const unknown = throwers.flatMap(({ path, text }) => [
      ...[...text.matchAll(/\brefusal\(\s*'([^']+)'/g)]
        .filter((m) => !isErrorCode(m[1]))
        .map((m) => `${path}: ${m[1]}`),
      ...[...text.matchAll(/\bSocketAuthError\(\s*'([^']+)'/g)]
        .filter((m) => !isErrorCode(m[1]))
        .map((m) => `${path}: ${m[1]}`),
      ...[...text.matchAll(/\bfieldError\([^,()]+(?:\([^)]*\))?,\s*'([^']+)'/g)]
        .filter((m) => !isFieldErrorCode(m[1]))
        .map((m) => `${path}: ${m[1]}`),
    ]);
    expect(unknown).toEqual([]);
  });

  it('throws no HTTP exception with a bare English text: every refusal names a code', () => {
    const bare = files.flatMap(({ path, text }) =>
      [...text.matchAll(/new \w*Exception\(\s*(['"`][^'"`]*)/g)].map((m) => `${path}: ${m[1]}`),
    );
    expect(bare).toEqual([]);
  });

  it('writes no field error as English text: every detail names a code', () => {
    const bare = files.flatMap(({ path, text }) =>
      [...text.matchAll(/\{\s*field:[^}]*\bmessage:\s*(['"`][^'"`]*)/g)].map((m) => `${path}: ${m[1]}`),
    );
    expect(bare).toEqual([]);
  });

  it('gives no validation rule an English message of its own: the field codes say every rule', () => {
    const own = files
      .filter(({ text }) => text.includes("from 'class-validator'"))
      .flatMap(({ path, text }) =>
        [...text.matchAll(/^\s+@\w+\(.*\bmessage:/gm)].map((m) => `${path}: ${m[0].trim()}`),
      );
    expect(own).toEqual([]);
  });

  it('has an Arabic name for every validated field of a request', () => {
    // A property under a class-validator decorator (or a run of them) in a file that uses class-validator.
    const validated = files
      .filter(({ text }) => text.includes("from 'class-validator'"))
      .flatMap(({ text }) =>
        [...text.matchAll(/^\s+@\w+\([^\n]*\n(?:\s+@[^\n]*\n)*\s+(\w+)[?!]?:/gm)].map((m) => m[1]),
      );
    expect(validated.length).toBeGreaterThan(50);
    expect([...new Set(validated)].filter((field) => !Object.hasOwn(arFieldNames, field))).toEqual([]);
  });
});

describe('arFieldName', () => {
  it('names a nested field by its last part and an unknown field by its API name', () => {
    expect(arFieldName('password')).toBe('كلمة المرور');
    expect(arFieldName('items.0.title')).toBe('العنوان');
    expect(arFieldName('fromANewerServer')).toBe('fromANewerServer');
    expect(arFieldName('constructor')).toBe('constructor');
  });
});
