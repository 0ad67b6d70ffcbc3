import { checkPayload, MAX_DEPTH } from './payload-guard';

describe('checkPayload', () => {
  it('accepts ordinary payloads, Arabic and emoji included', () => {
    expect(checkPayload({ name: 'مسارات الهجرة 👍', list: [1, { a: 'b' }] }, 'body')).toBeNull();
  });

  it('refuses deep nesting without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(checkPayload({ body: deep }, 'body')).toMatchObject({ code: 'too-deep', params: { max: MAX_DEPTH } });
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'])(
    'refuses the key %s',
    (key) => {
      const payload = JSON.parse(`{"password":{"${key}":1}}`);
      expect(checkPayload(payload, 'body')).toEqual({
        field: `body.password.${key}`,
        code: 'unknown-field',
        message: `property body.password.${key} should not exist`,
      });
    },
  );

  it.each(['a\u0000b', 'x\ud800', '\udc00y', '\udc00\ud800'])('refuses text PostgreSQL cannot store: %j', (text) => {
    expect(checkPayload({ title: text }, '')?.field).toBe('title');
  });

  it('keeps surrogate pairs', () => {
    expect(checkPayload({ emoji: '\ud83d\udc4d' }, '')).toBeNull();
  });
});
