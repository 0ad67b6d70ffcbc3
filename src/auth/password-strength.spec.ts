import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../database/seed/demo-workspace';
import * as en from '@zxcvbn-ts/language-en';
import { isFieldErrorCode } from '../common/errors/error-text';
import { kebab, passwordProblem, personalWords } from './password-strength';

const NADIA = ['Nadia Karimi', 'nadia.karimi@ministry.example.org'];

describe('password strength', () => {
  it.each(['aaaaaaaaaa', 'password123', 'qwertyuiop', '1234567890', 'iloveyou2024', 'P@ssw0rd!!', 'abcdefghijk'])(
    'refuses the common or patterned %j',
    (password) => {
      expect(passwordProblem(password, NADIA)).toMatch(/^password-weak-/);
    },
  );

  it.each(['nadia.karimi2026', 'karimi-nadia-99', 'NadiaKarimi!!', 'nadia.karimi@ministry', 'ministry-karimi'])(
    'refuses %j, built from the name or email',
    (password) => {
      expect(passwordProblem(password, NADIA)).toBe('password-personal');
    },
  );

  it.each(['correct horse battery', 'olive-lantern-2026', 'Qx7!mZp2#Lw9 river', 'olive lantern quietly 42'])(
    'accepts %j',
    (password) => {
      expect(passwordProblem(password, NADIA)).toBeNull();
    },
  );

  it('accepts the demo password for every demo account (the seed registers them through the same check)', () => {
    for (const account of DEMO_ACCOUNTS) {
      expect(passwordProblem(DEMO_PASSWORD, [account.displayName, account.email])).toBeNull();
    }
  });

  it("names zxcvbn's warning by a code the error catalogue knows", () => {
    expect(passwordProblem('qwertyuiop', NADIA)).toBe('password-weak-top-hundred');
  });

  it('has a field code for every warning zxcvbn may give', () => {
    const missing = Object.keys(en.translations.warnings).filter(
      (key) => !isFieldErrorCode(`password-weak-${kebab(key)}`),
    );
    expect(missing).toEqual([]);
  });

  it('splits names and addresses into the words an attacker would try', () => {
    expect(personalWords(['Nadia Al Karimi', 'n.karimi@ministry.example.org'])).toEqual(
      expect.arrayContaining(['nadia al karimi', 'nadia', 'karimi', 'n.karimi', 'ministry', 'example']),
    );
    expect(personalWords(['Nadia Al Karimi'])).not.toContain('al');
  });
});
