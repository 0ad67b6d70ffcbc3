import { describe, expect, it } from '@jest/globals';
import { mentionQuery, toEditable, toSource } from './mentions';

const AMINA = '0b7c3a4e-1d2f-4a5b-8c9d-0e1f2a3b4c5d';
const AMIN = '1b7c3a4e-1d2f-4a5b-8c9d-0e1f2a3b4c5d';

describe('mentions', () => {
  it('turns picked names into <@id> when sending, longest name first', () => {
    const picked = new Map([
      ['Amin', AMIN],
      ['Amina Haddad', AMINA],
    ]);
    expect(toSource('Hi @Amina Haddad and @Amin!', picked)).toBe(`Hi <@${AMINA}> and <@${AMIN}>!`);
  });

  it('leaves an @name nobody picked as typed', () => {
    expect(toSource('mail @someone', new Map())).toBe('mail @someone');
  });

  it('shows ids as names for editing and remembers them for saving', () => {
    const { text, mentions } = toEditable(`Ask <@${AMINA}> and <@ffffffff-ffff-ffff-ffff-ffffffffffff>`, (id) =>
      id === AMINA ? 'Amina Haddad' : undefined,
    );
    expect(text).toBe('Ask @Amina Haddad and <@ffffffff-ffff-ffff-ffff-ffffffffffff>');
    expect(toSource(text, mentions)).toBe(`Ask <@${AMINA}> and <@ffffffff-ffff-ffff-ffff-ffffffffffff>`);
  });

  it('finds the @query being typed before the caret, and only there', () => {
    expect(mentionQuery('Hello @Am', 9)).toEqual({ start: 6, query: 'Am' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail me@example', 15)).toBeNull();
    expect(mentionQuery('@Am done', 8)).toBeNull();
  });
});
