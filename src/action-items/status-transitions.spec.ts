import { ACTION_STATUSES, canTransition, NEEDS_REASON } from './status-transitions';

/** Every pair, stated once here independently of the table in the code. */
const ALLOWED = new Set([
  'open>in-progress',
  'open>blocked',
  'open>cancelled',
  'in-progress>done',
  'in-progress>blocked',
  'in-progress>cancelled',
  'in-progress>open',
  'blocked>open',
  'blocked>in-progress',
  'blocked>cancelled',
  'done>open',
  'cancelled>open',
]);

describe('action item status transitions', () => {
  for (const from of ACTION_STATUSES) {
    for (const to of ACTION_STATUSES) {
      const expected = ALLOWED.has(`${from}>${to}`);
      it(`${from} → ${to} is ${expected ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(expected);
      });
    }
  }

  it('needs a reason exactly for blocked and cancelled', () => {
    expect([...NEEDS_REASON].sort()).toEqual(['blocked', 'cancelled']);
  });
});
