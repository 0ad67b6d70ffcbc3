import { generateApiToken, hashApiToken, isApiToken } from './api-token-secret';

describe('API token secrets', () => {
  it('are tsq_ and 32 random bytes in base64url', () => {
    const token = generateApiToken();
    expect(token).toMatch(/^tsq_[A-Za-z0-9_-]{43}$/);
    expect(isApiToken(token)).toBe(true);
    expect(generateApiToken()).not.toEqual(token);
  });

  it('are stored as their SHA-256 in hex, never as themselves', () => {
    const token = generateApiToken();
    expect(hashApiToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(token)).not.toContain(token.slice(4));
  });

  it('tells a JWT from an API token', () => {
    expect(isApiToken('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });
});
