import { linkKey, signLink, verifyLink } from './signed-links';

const key = linkKey('a-jwt-secret-a-jwt-secret-a-jwt-secret');
const claims = {
  a: '5b3c1a52-8f0e-4a59-9d8e-2d7a0c4f1e11',
  u: '0f8e6d4c-2b1a-4c3d-8e7f-6a5b4c3d2e1f',
  v: 'file' as const,
  e: 2_000_000_000,
};

describe('signed links', () => {
  it('verify what they signed until it expires', () => {
    const token = signLink(key, claims);
    expect(verifyLink(key, token, 1_999_999_999)).toEqual(claims);
    expect(verifyLink(key, token, 2_000_000_000)).toBeNull();
  });

  it('refuse a changed payload, a changed signature, another key and malformed tokens', () => {
    const token = signLink(key, claims);
    const [payload, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ ...claims, v: 'thumbnail' })).toString('base64url');
    expect(verifyLink(key, `${other}.${signature}`, 0)).toBeNull();
    expect(verifyLink(key, `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`, 0)).toBeNull();
    expect(verifyLink(linkKey('another-secret-another-secret-another'), token, 0)).toBeNull();
    for (const bad of ['', '.', 'x', `${payload}.`, `${token}.x`, 'a'.repeat(600)])
      expect(verifyLink(key, bad, 0)).toBeNull();
  });

  it('derive a key of their own: not the JWT secret itself', () => {
    expect(key.equals(Buffer.from('a-jwt-secret-a-jwt-secret-a-jwt-secret'))).toBe(false);
    expect(key).toHaveLength(32);
  });
});
