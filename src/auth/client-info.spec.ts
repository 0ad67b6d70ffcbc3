import type { FastifyRequest } from 'fastify';
import { clientInfoOf } from './client-info';

const request = (userAgent: string | undefined, ip = '203.0.113.7') =>
  ({ headers: userAgent === undefined ? {} : { 'user-agent': userAgent }, ip }) as unknown as FastifyRequest;

describe('client info', () => {
  it('keeps the User-Agent and the address', () => {
    expect(clientInfoOf(request('Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0'))).toEqual({
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      ipAddress: '203.0.113.7',
    });
  });

  it('drops control characters and trims a long User-Agent to 200 characters', () => {
    const info = clientInfoOf(request(`evil\r\nSet-Cookie: x\t${'a'.repeat(500)}`));
    expect(info.userAgent).not.toMatch(/[\r\n\t]/);
    expect(info.userAgent).toHaveLength(200);
  });

  it('stores no User-Agent when none (or only blanks) was sent', () => {
    expect(clientInfoOf(request(undefined)).userAgent).toBeNull();
    expect(clientInfoOf(request('   ')).userAgent).toBeNull();
  });
});
