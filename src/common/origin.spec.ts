import { isAllowedOrigin } from './origin';

const listed = new Set(['https://tansiq.example.org']);
const plain = { host: '127.0.0.1:3000', secure: false };

describe('isAllowedOrigin', () => {
  it('allows a listed origin and the request’s own origin', () => {
    expect(isAllowedOrigin('https://tansiq.example.org', plain, listed)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:3000', plain, listed)).toBe(true);
    expect(isAllowedOrigin('https://tansiq.example.org', { host: 'tansiq.example.org', secure: true }, new Set())).toBe(
      true,
    );
    expect(isAllowedOrigin('http://localhost', { host: 'localhost:80', secure: false }, new Set())).toBe(true);
  });

  it.each([
    ['another scheme', 'https://127.0.0.1:3000'],
    ['another port', 'http://127.0.0.1:3001'],
    ['another host', 'http://evil.example'],
    ['a path', 'http://127.0.0.1:3000/x'],
    ['user info', 'http://a@127.0.0.1:3000'],
    ['not a URL', 'null'],
  ])('refuses %s', (_, origin) => {
    expect(isAllowedOrigin(origin, plain, listed)).toBe(false);
  });

  it('refuses a same-looking origin when the request names no host', () => {
    expect(isAllowedOrigin('http://127.0.0.1:3000', { host: undefined, secure: false }, listed)).toBe(false);
  });
});
