import { cursorProblem, decodeCursor, encodeCursor } from './pagination';
import { ValidationFailed } from './validation.pipe';

const ID = '0b5f8a9e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

describe('cursor validation', () => {
  it.each([
    ['int4', 0],
    ['int4', -(2 ** 31)],
    ['int4', 2 ** 31 - 1],
    ['int8', '0'],
    ['int8', '9223372036854775807'],
    ['timestamp', '2026-12-01T15:10:23.123Z'],
    ['timestamp', '0001-01-01T00:00:00Z'],
    ['timestamp', '9999-12-31T23:59:59.999999Z'],
    ['date', '2024-02-29'],
    ['date', '9999-12-31'],
    ['text', 'مجموعة العمل'],
    ['uuid', ID],
  ] as const)('accepts %s %j', (part, value) => {
    expect(cursorProblem([value], [part])).toBeNull();
  });

  it.each([
    ['int4', 1.5],
    ['int4', 3e9],
    ['int4', -(2 ** 31) - 1],
    ['int4', 1e300],
    ['int4', '1'],
    ['int8', '9223372036854775808'],
    ['int8', '-1'],
    ['int8', '1e3'],
    ['int8', 5],
    ['timestamp', '0000-01-01T00:00:00Z'],
    ['timestamp', '2026-02-30T00:00:00Z'],
    ['timestamp', '2026-01-01T24:00:00Z'],
    ['timestamp', '2026-01-01T23:59:60Z'],
    ['timestamp', '2026-01-01T00:00:00.1234567Z'],
    ['timestamp', '2026-01-01T00:00:00+01:00'],
    ['timestamp', '+275760-09-13T00:00:00Z'],
    ['date', '0000-01-01'],
    ['date', '2023-02-29'],
    ['date', '2026-13-01'],
    ['date', '2026-01-01T00:00:00Z'],
    ['text', 'a\u0000b'],
    ['text', 'x'.repeat(401)],
    ['text', 7],
    ['uuid', 'not-a-uuid'],
    ['uuid', null],
  ] as const)('refuses %s %j', (part, value) => {
    expect(cursorProblem([value], [part])).toMatch(/^value 1 must be/);
  });

  it('refuses a key of the wrong length or kind', () => {
    expect(cursorProblem([ID], ['int4', 'uuid'])).toBe('must encode 2 values');
    expect(cursorProblem({ 0: 1 }, ['int4'])).toBe('must encode 1 values');
  });

  it('decodes what it encoded and answers a 400 on the cursor field otherwise', () => {
    expect(decodeCursor(encodeCursor([1, '2026-01-01T00:00:00.000Z', ID]), ['int4', 'timestamp', 'uuid'])).toEqual([
      1,
      '2026-01-01T00:00:00.000Z',
      ID,
    ]);
    expect(decodeCursor(undefined, ['uuid'])).toBeNull();
    for (const cursor of ['%%%', encodeCursor([1.5, '2026-01-01T00:00:00.000Z', ID])]) {
      try {
        decodeCursor(cursor, ['int4', 'timestamp', 'uuid']);
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationFailed);
        expect((error as ValidationFailed).details).toEqual([
          { field: 'cursor', code: 'cursor-invalid', message: 'is not a cursor this list returned' },
        ]);
      }
    }
  });
});
