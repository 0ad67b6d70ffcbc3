import { seal, signUnsubscribe, unseal, verifyUnsubscribe } from './mail-tokens';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const claim = { userId: '7f3c1a52-0c7e-4d53-9a53-4a6b8e2a9b10', type: 'message.mentioned' };

describe('unsubscribe tokens', () => {
  it('verify for the reader and type they were signed for', () => {
    expect(verifyUnsubscribe(SECRET, signUnsubscribe(SECRET, claim))).toEqual(claim);
  });

  it('refuse a token whose reader or type was changed', () => {
    const [, signature] = signUnsubscribe(SECRET, claim).split('.');
    const other = Buffer.from(`${claim.userId}:digest`).toString('base64url');
    expect(verifyUnsubscribe(SECRET, `${other}.${signature}`)).toBeNull();
  });

  it('refuse a token signed with another secret, truncated or padded', () => {
    const token = signUnsubscribe(SECRET, claim);
    expect(verifyUnsubscribe(`${SECRET}x`, token)).toBeNull();
    expect(verifyUnsubscribe(SECRET, token.slice(0, -1))).toBeNull();
    expect(verifyUnsubscribe(SECRET, `${token}.x`)).toBeNull();
    expect(verifyUnsubscribe(SECRET, '')).toBeNull();
  });
});

describe('sealed outbox secrets', () => {
  it('open with the same server secret only', () => {
    const sealed = seal(SECRET, 'invitation-token');
    expect(sealed).not.toContain('invitation-token');
    expect(unseal(SECRET, sealed)).toBe('invitation-token');
    expect(() => unseal(`${SECRET}x`, sealed)).toThrow();
  });

  it('open only for the purpose they were sealed for', () => {
    const sealed = seal(SECRET, 'client-secret', 'identity-provider');
    expect(unseal(SECRET, sealed, 'identity-provider')).toBe('client-secret');
    expect(() => unseal(SECRET, sealed)).toThrow();
  });
});
