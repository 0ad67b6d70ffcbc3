import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { linkTokenFromMail } from '../support/mail-files';
import { ServerProcess, startServer, stopAllServers } from '../support/server-process';

/**
 * The real server at LOG_LEVEL=trace, its whole output captured while a user does everything that handles a
 * secret: register, log in (right and wrong), refresh, open a socket, send, invite, change the password, log out.
 * Not one password, access token, refresh token or invitation token may appear in the logs.
 */
describe('secrets in logs', () => {
  let server: ServerProcess;
  let log = '';
  // The embedded default, PostgreSQL's own log lines included.
  const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-secrets-'));
  afterAll(async () => {
    await stopAllServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs no password, token, refresh token, invitation token or file link token', async () => {
    server = await startServer({
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'trace',
      SEED_DEMO: 'false',
      AUTH_RATE_LIMIT: '100000',
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
    const capture = (chunk: Buffer) => (log += chunk.toString());
    server.process.stdout!.on('data', capture);
    server.process.stderr!.on('data', capture);

    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const secrets: string[] = [];
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const newPassword = `np-${randomBytes(12).toString('hex')}`;
    secrets.push(password, newPassword);

    const email = `secret.${randomBytes(3).toString('hex')}@example.org`;
    const registered = await call('POST', '/api/auth/register', { email, password, displayName: 'Secret Keeper' });
    expect(registered.status).toBe(202);
    const confirmation = await linkTokenFromMail(dataDir, email, '/verify-email');
    secrets.push(confirmation);
    expect((await call('POST', '/api/auth/email-verification/confirm', { token: confirmation })).status).toBe(204);
    const wrong = await call('POST', '/api/auth/login', { email, password: `${password}-wrong` });
    expect(wrong.status).toBe(401);
    secrets.push(`${password}-wrong`);
    const login = await call('POST', '/api/auth/login', { email, password });
    const refreshed = await call('POST', '/api/auth/refresh', { refreshToken: login.body.refreshToken });
    secrets.push(login.body.accessToken, login.body.refreshToken);
    secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);
    const token = refreshed.body.accessToken;
    // A reused refresh token and a request with a bad token also get logged as errors: still no secret.
    expect((await call('POST', '/api/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
    expect((await call('GET', '/api/me', undefined, `${token}x`)).status).toBe(401);

    const relogin = await call('POST', '/api/auth/login', { email, password });
    secrets.push(relogin.body.accessToken, relogin.body.refreshToken);
    const group = await call('POST', '/api/groups', { name: 'Secrets group' }, relogin.body.accessToken);
    const invitation = await call(
      'POST',
      `/api/groups/${group.body.id}/invitations`,
      { email: 'x@example.org', role: 'member' },
      relogin.body.accessToken,
    );
    secrets.push(invitation.body.token);
    const thread = await call(
      'POST',
      `/api/groups/${group.body.id}/threads`,
      { title: 'A thread', kind: 'discussion' },
      relogin.body.accessToken,
    );

    const socket = io(server.url, {
      transports: ['websocket'],
      auth: { token: relogin.body.accessToken },
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const ack = await socket.emitWithAck('message.send', {
      threadId: thread.body.id,
      body: 'hello',
      clientId: randomBytes(8).toString('hex'),
    });
    expect(ack.ok).toBe(true);
    socket.disconnect();

    // A file and its signed link: the link's token opens the file, so it is a secret too.
    const form = new FormData();
    form.append('file', new Blob(['minutes of the meeting']), 'minutes.txt');
    const uploaded = await fetch(`${server.url}/api/groups/${group.body.id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${relogin.body.accessToken}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as { id: string };
    const links = await call('POST', '/api/attachments/links', { ids: [file.id] }, relogin.body.accessToken);
    const url: string = links.body.links[file.id].url;
    secrets.push(url.split('/')[3]);
    expect((await fetch(`${server.url}${url}`)).status).toBe(200);

    const changed = await call(
      'PATCH',
      '/api/me',
      { currentPassword: password, newPassword },
      relogin.body.accessToken,
    );
    expect(changed.status).toBe(200);
    expect((await call('POST', '/api/auth/logout', undefined, relogin.body.accessToken)).status).toBe(204);
    await server.stop();

    const found = secrets.filter((secret) => secret && log.includes(secret));
    console.log(`secrets found in ${log.length} characters of trace logs: ${found.length}`);
    expect(log.length).toBeGreaterThan(1000); // the capture worked: trace logging is verbose
    expect(log).toMatch(/"req":\{"id":"[0-9a-f-]{36}"/); // request ids are on the lines
    expect(found).toEqual([]);
    // It starts its own embedded PostgreSQL (initdb, every migration): 8 s alone, over 30 s beside a busy worker.
  }, 120_000);
});
