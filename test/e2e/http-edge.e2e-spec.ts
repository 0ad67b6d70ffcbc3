import request from 'supertest';
import { DiskSpace } from '../../src/database/disk-space';
import { linksFor, uploadFile } from '../support/attachment-factories';
import { createGroup, registerUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * What every request meets before its route: security headers, request ids, body formats, compression, the payload
 * and disk guards, route matching. Written when the server moved from Express to Fastify, where each of these became
 * a hook or a setting of its own that could be lost without any feature test noticing.
 */
describe('the HTTP edge', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: 'metrics-token-0123456789abcdef' });
    user = await registerUser(t);
  });
  afterAll(() => t.close());

  describe('headers', () => {
    it('sends the strict CSP and helmet’s other headers on API answers and 404s, no X-Powered-By, no body ETag', async () => {
      for (const res of [await t.http().get('/api/me').set(user.auth), await t.http().get('/api/no-such-route')]) {
        const csp = res.headers['content-security-policy'];
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("style-src 'self';");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers.etag).toBeUndefined();
      }
    });

    it('refuses a path the router cannot decode with 400 malformed-url, in the API’s shape and language, headers on', async () => {
      for (const path of ['/api/groups/%Z/leave', '/api/files/abc/%FF']) {
        const res = await t.http().get(path).set(user.auth);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'malformed-url' });
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      const arabic = await t.http().post('/api/groups/%Z/leave').set('Accept-Language', 'ar');
      expect(arabic.status).toBe(400);
      expect(arabic.body.code).toBe('malformed-url');
      expect(arabic.body.message).toMatch(/[\u0600-\u06FF]/);
    });

    it('lets Swagger UI have its inline styles under /api/docs, and nothing else', async () => {
      const docs = await t.http().get('/api/docs/');
      expect(docs.status).toBe(200);
      expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('echoes a sane X-Request-Id and replaces any other with a UUID', async () => {
      const given = await t.http().get('/api/health/live').set('X-Request-Id', 'trace-0123456789');
      expect(given.headers['x-request-id']).toBe('trace-0123456789');
      const forged = await t.http().get('/api/health/live').set('X-Request-Id', 'bad id\twith "quotes"');
      expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const none = await t.http().get('/api/health/live');
      expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('bodies', () => {
    it('refuses a body in any format but JSON with 415 json-body-required, before the route', async () => {
      for (const [type, body] of [
        ['text/plain', 'hello'],
        ['application/x-www-form-urlencoded', 'displayName=x'],
        ['multipart/form-data; boundary=x', '--x--'],
        ['application/xml', '<a/>'],
      ]) {
        const res = await t.http().patch('/api/me').set(user.auth).set('Content-Type', type).send(body);
        expect(res.status).toBe(415);
        expect(res.body).toMatchObject({ statusCode: 415, code: 'json-body-required' });
      }
    });

    it('takes the one-click unsubscribe form (RFC 8058): the token decides, not the format', async () => {
      const res = await t
        .http()
        .post('/api/mail/unsubscribe?token=not-a-token')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('List-Unsubscribe=One-Click');
      expect(res.status).not.toBe(415);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });

    it('refuses a JSON body over the limit with 413 before routing, on a GET and on an unknown or undecodable path too', async () => {
      const big = JSON.stringify({ padding: 'x'.repeat(300_000) });
      for (const [method, path] of [
        ['get', '/api/me'],
        ['get', '/api/no-such-route'],
        ['post', '/api/groups/%Z/leave'],
      ] as const) {
        const res = await t.http()[method](path).set(user.auth).set('Content-Type', 'application/json').send(big);
        expect([method, path, res.status, res.body.code]).toEqual([method, path, 413, 'payload-too-large']);
      }
    });

    it('reads an empty JSON body as {} and refuses a bare JSON value as malformed', async () => {
      const empty = await t.http().post('/api/auth/logout').set(user.auth).set('Content-Type', 'application/json');
      expect(empty.status).toBe(204);
      const bare = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('"text"');
      expect(bare.status).toBe(400);
      expect(bare.body).toMatchObject({ code: 'malformed-json' });
      user = await registerUser(t);
    });

    it('names a prototype-shadowing key as the field at fault (400), in the body and in the query', async () => {
      const body = await t
        .http()
        .patch('/api/me')
        .set(user.auth)
        .set('Content-Type', 'application/json')
        .send('{"displayName":"x","__proto__":{"admin":true}}');
      expect(body.status).toBe(400);
      expect(body.body.details[0].field).toBe('__proto__');
      const query = await t.http().get('/api/me/actions?constructor=1').set(user.auth);
      expect(query.status).toBe(400);
      expect(query.body.details[0].field).toBe('constructor');
    });

    it('refuses writes with 503 disk-full while the disk is full; reads go on', async () => {
      const disk = t.app.get(DiskSpace) as unknown as { free: number };
      const free = disk.free;
      disk.free = 0;
      try {
        const write = await t.http().patch('/api/me').set(user.auth).send({ displayName: 'Full Disk' });
        expect(write.status).toBe(503);
        expect(write.body).toMatchObject({ code: 'disk-full' });
        expect((await t.http().get('/api/me').set(user.auth)).status).toBe(200);
      } finally {
        disk.free = free;
      }
    });
  });

  describe('compression', () => {
    it('compresses API answers from 1 KiB (brotli first), never small ones, never file downloads', async () => {
      const big = await t.http().get('/api/docs-json').set('Accept-Encoding', 'br, gzip');
      expect(big.status).toBe(200);
      expect(big.headers['content-encoding']).toBe('br');
      const gzip = await t.http().get('/api/docs-json').set('Accept-Encoding', 'gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      const small = await t.http().get('/api/health/live').set('Accept-Encoding', 'br, gzip');
      expect(small.headers['content-encoding']).toBeUndefined();

      const group = await createGroup(t, user);
      const text = Buffer.from('minutes of the meeting\n'.repeat(400));
      const file = await uploadFile(t, group.id, user, { bytes: text, name: 'minutes.txt' });
      const { [file.id]: link } = await linksFor(t, user, [file.id]);
      const res = await t
        .http()
        .get(link.url)
        .set('Accept-Encoding', 'br, gzip')
        .buffer(true)
        .parse((stream, done) => {
          const parts: Buffer[] = [];
          stream.on('data', (part: Buffer) => parts.push(part));
          stream.on('end', () => done(null, Buffer.concat(parts)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['content-length']).toBe(String(text.length));
      expect(Buffer.compare(res.body as Buffer, text)).toBe(0);
    });
  });

  describe('routing', () => {
    it('matches paths as Express did: any case, with or without a trailing slash', async () => {
      expect((await t.http().get('/api/health/live/')).status).toBe(200);
      expect((await t.http().get('/API/Health/Live')).status).toBe(200);
    });

    it('takes route parameters longer than Fastify’s default 100 characters (a signed link’s token)', async () => {
      const res = await t.http().get(`/api/files/${'a'.repeat(400)}/name.txt`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: expect.any(String) });
    });

    it('counts requests by route pattern; the client’s files as one route and unknown paths as unmatched', async () => {
      await t.http().get('/api/no-such-route');
      await t.http().get('/no-such-file.png');
      const text = (await t.http().get('/metrics').set('Authorization', 'Bearer metrics-token-0123456789abcdef')).text;
      expect(text).toMatch(/tansiq_http_requests_total\{[^}]*route="\/api\/me"[^}]*\} \d+/);
      expect(text).toMatch(/tansiq_http_requests_total\{[^}]*route="unmatched"[^}]*\} \d+/);
      expect(text).toMatch(/tansiq_http_requests_total\{[^}]*route="client"[^}]*\} \d+/);
      expect(text).not.toMatch(/route="\/api\/files\/a{10}/);
    });

    it('serves no file for API paths and answers them in the error shape', async () => {
      const res = await request(t.app.getHttpServer()).get('/api/index.html');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'not-found' });
    });
  });
});

/** An app of its own (passport's strategies are per process: two apps alive at once would share the last one's). */
describe('CORS on Fastify', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ CORS_ORIGINS: 'https://app.example' });
  });
  afterAll(() => app.close());

  it('answers a preflight from an allowed origin, with its max age and no credentials; another origin gets none', async () => {
    const allowed = await app
      .http()
      .options('/api/me')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'PATCH');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(allowed.headers['access-control-max-age']).toBe('600');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const simple = await app.http().get('/api/health/live').set('Origin', 'https://app.example');
    expect(simple.headers['access-control-allow-origin']).toBe('https://app.example');
    const foreign = await app
      .http()
      .options('/api/me')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'PATCH');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});
