import { seal, unseal } from './sealed-secret';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('sealed secrets', () => {
  it('open with the same server secret only', () => {
    const sealed = seal(SECRET, 'invitation-token');
    expect(sealed).not.toContain('invitation-token');
    expect(unseal(SECRET, sealed)).toBe('invitation-token');
    expect(() => unseal(`${SECRET}x`, sealed)).toThrow();
  });

  it('open only for the purpose they were sealed for', () => {
    const sealed = seal(SECRET, 'JBSWY3DPEHPK3PXP', 'two-factor');
    expect(unseal(SECRET, sealed, 'two-factor')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => unseal(SECRET, sealed, 'outbox')).toThrow();
  });

  it('refuse a sealed text that was tampered with', () => {
    const [iv, tag, body] = seal(SECRET, 'secret').split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => unseal(SECRET, [iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });
});
