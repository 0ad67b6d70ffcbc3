import { Draining } from '../../src/health/draining';
import { registerUser, TestUser } from '../support/factories';
import { connect, openSocket, refusal, TestSocket, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Liveness, readiness and what a draining node answers, on the real app. The order of a shutdown and its timing
 * under load are tested on a server process (test/reliability/graceful-shutdown.e2e-spec.ts).
 */
describe('health and draining', () => {
  let t: TestApp;
  let url: string;
  let user: TestUser;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.listen();
    user = await registerUser(t);
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t.close();
  });

  it('answers liveness with 200 and readiness with every dependency up and the migrations applied', async () => {
    expect((await t.http().get('/api/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ok',
      database: 'up',
      redis: process.env.REDIS_URL ? 'up' : 'not-configured',
      migrations: 'up',
      disk: expect.stringMatching(/^(up|not-configured)$/),
    });
  });

  it('readiness names pending migrations and is 503 while there are any', async () => {
    const [{ name }] = await t.db.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    const fresh = await createTestApp();
    try {
      await fresh.db.query('DELETE FROM migrations WHERE name = $1', [name]);
      const ready = await fresh.http().get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        code: 'dependency-down',
        details: [{ field: 'migrations', code: 'migrations-pending' }],
      });
    } finally {
      await fresh.close();
    }
  });

  describe('once draining', () => {
    let live: TestSocket;

    beforeAll(async () => {
      live = await connect(url, user.accessToken);
      sockets.push(live);
    });

    it('sends the sockets away with the reason, refuses new requests and sockets with 503, and stays live', async () => {
      const notices: { code: string; message: string }[] = [];
      const reasons: string[] = [];
      live.on('server.shutdown', (notice) => notices.push(notice));
      live.on('disconnect', (reason) => reasons.push(reason));

      const draining = t.app.get(Draining);
      draining.start();
      const { RealtimeGateway } = await import('../../src/realtime/realtime.gateway');
      expect(await t.app.get(RealtimeGateway).sendAway(2000)).toBe(1);
      await waitFor(() => reasons.length > 0, 3000, 'the disconnect');
      expect(notices).toEqual([{ code: 'server-shutting-down', message: expect.any(String) }]);
      // A transport close, which clients answer by reconnecting (not 'io server disconnect', which they do not).
      expect(reasons).toEqual(['transport close']);

      const ready = await t.http().get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.code).toBe('server-shutting-down');
      const request = await t.http().get('/api/me').set('Authorization', `Bearer ${user.accessToken}`);
      expect(request.status).toBe(503);
      expect(request.headers.connection).toBe('close');
      expect(request.body).toMatchObject({ code: 'server-shutting-down' });
      const arabic = await t.http().get('/api/me').set('Accept-Language', 'ar');
      expect(arabic.body.message).toMatch(/[\u0600-\u06FF]/);
      expect((await t.http().get('/api/health/live')).status).toBe(200);

      // A new Socket.IO session is refused before Engine.IO's handshake, with a 503 a load balancer sends elsewhere.
      const handshake = await t.http().get('/socket.io/?EIO=4&transport=polling');
      expect(handshake.status).toBe(503);
      expect(handshake.headers.connection).toBe('close');
      expect(handshake.body).toMatchObject({ code: 'server-shutting-down' });
      const late = openSocket(url, user.accessToken);
      sockets.push(late);
      expect((await refusal(late)).message).toBe('websocket error');
    });
  });
});
