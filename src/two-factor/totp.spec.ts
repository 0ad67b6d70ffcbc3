import { matchTotp, newTotpSecret, totpCode, totpStep, totpUri } from './totp';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('computes the RFC 6238 test vectors (last 6 digits)', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
    expect(totpCode(RFC_SECRET, 2_000_000_000_000)).toBe('279037');
  });

  it('answers the step of a right code, one step either side, and null beyond', () => {
    const now = 1_700_000_015_000;
    const step = totpStep(now);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now)).toBe(step);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), now)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 90_000), now)).toBeNull();
  });

  it('refuses what is not six digits without computing anything', () => {
    expect(matchTotp(RFC_SECRET, '', 0)).toBeNull();
    expect(matchTotp(RFC_SECRET, '12345a', 0)).toBeNull();
    expect(matchTotp(RFC_SECRET, '1234567', 0)).toBeNull();
  });

  it('accepts a code typed with a space in the middle', () => {
    const now = Date.now();
    const code = totpCode(RFC_SECRET, now);
    expect(matchTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStep(now));
  });

  it('makes 160-bit base32 secrets, each new', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('names the issuer and the account in the otpauth URI', () => {
    const uri = totpUri(RFC_SECRET, 'amal@example.org');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Tansiq:amal%40example\.org\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(RFC_SECRET);
    expect(new URL(uri).searchParams.get('issuer')).toBe('Tansiq');
  });
});
