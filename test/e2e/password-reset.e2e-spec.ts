import { PASSWORD_RESET_TTL_MS } from '../../src/auth/password-reset.service';
import { PASSWORD, registerUser, uniqueEmail } from '../support/factories';
import { SmtpSink } from '../support/smtp-sink';
import { connect, TestSocket, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

const PUBLIC_URL = 'https://tansiq.example.org';
const NEW_PASSWORD = 'saffron kettle under moonlight';

/** Password reset by email, over a real SMTP server: the link's token is read from the email as a person would. */
describe('password reset', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let url: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    smtp = new SmtpSink();
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url, SMTP_CA_FILE: smtp.caFile, PUBLIC_URL, JOB_POLL_SECONDS: '0.5' });
    url = await t.listen();
  });

  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t.close();
    await smtp.stop();
  });

  /** Asks for a reset and answers the token of the link in the email that arrives. */
  async function resetToken(email: string, already = 0): Promise<string> {
    const res = await t.http().post('/api/auth/password-reset').send({ email });
    expect(res.status).toBe(202);
    await waitFor(() => smtp.to(email).length > already, 10_000, 'the reset email');
    const text = smtp.to(email)[already].parsed.text ?? '';
    const link = new RegExp(`${PUBLIC_URL}/reset-password/(\\S+)`).exec(text);
    if (!link) throw new Error(`no reset link in: ${text}`);
    return decodeURIComponent(link[1]);
  }

  const login = (email: string, password: string) => t.http().post('/api/auth/login').send({ email, password });

  it('answers an unknown address exactly as a known one, and emails only the known one', async () => {
    const user = await registerUser(t);
    const nobody = uniqueEmail('nobody');
    const known = await t.http().post('/api/auth/password-reset').send({ email: user.email });
    const unknown = await t.http().post('/api/auth/password-reset').send({ email: nobody });
    expect([known.status, known.body]).toEqual([unknown.status, unknown.body]);
    expect(known.status).toBe(202);
    await waitFor(() => smtp.to(user.email).length > 0, 10_000, 'the reset email');
    expect(smtp.to(user.email)[0].parsed.subject).toMatch(/password/i);
    expect(smtp.to(nobody)).toHaveLength(0);
  });

  it('sets the new password once, ends every session and disconnects the sockets of the account', async () => {
    const user = await registerUser(t);
    const socket = await connect(url, user.accessToken);
    sockets.push(socket);
    const token = await resetToken(user.email);
    const confirm = await t.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD });
    expect(confirm.status).toBe(204);
    await waitFor(() => !socket.connected, 3000, 'the socket of the ended session to close');
    expect((await t.http().get('/api/me').set(user.auth)).status).toBe(401);
    expect((await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken })).status).toBe(401);
    expect((await login(user.email, PASSWORD)).status).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);

    const replay = await t
      .http()
      .post('/api/auth/password-reset/confirm')
      .send({ token, newPassword: 'another saffron kettle at dawn' });
    expect(replay.status).toBe(400);
    expect(replay.body.details).toContainEqual({ field: 'token', code: 'token-invalid', message: expect.any(String) });
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('spends older links of the account when one is used', async () => {
    const user = await registerUser(t);
    const older = await resetToken(user.email);
    const newer = await resetToken(user.email, 1);
    expect(older).not.toEqual(newer);
    const used = await t
      .http()
      .post('/api/auth/password-reset/confirm')
      .send({ token: newer, newPassword: NEW_PASSWORD });
    expect(used.status).toBe(204);
    const stale = await t
      .http()
      .post('/api/auth/password-reset/confirm')
      .send({ token: older, newPassword: NEW_PASSWORD });
    expect(stale.status).toBe(400);
  });

  it('refuses an expired link', async () => {
    const user = await registerUser(t);
    const token = await resetToken(user.email);
    await t.db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      user.id,
    ]);
    const res = await t.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
  });

  it('gives a link an hour', async () => {
    const user = await registerUser(t);
    const before = Date.now();
    await resetToken(user.email);
    const [row]: { expires_at: Date }[] = await t.db.query(
      "SELECT expires_at FROM account_tokens WHERE user_id = $1 AND purpose = 'reset-password'",
      [user.id],
    );
    expect(new Date(row.expires_at).getTime() - before).toBeGreaterThanOrEqual(PASSWORD_RESET_TTL_MS - 1000);
    expect(new Date(row.expires_at).getTime() - before).toBeLessThanOrEqual(PASSWORD_RESET_TTL_MS + 5000);
  });

  it('refuses a weak new password with the reason, and keeps the token usable', async () => {
    const user = await registerUser(t);
    const token = await resetToken(user.email);
    const weak = await t.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: 'password123' });
    expect(weak.status).toBe(400);
    expect(weak.body.details).toContainEqual({
      field: 'newPassword',
      // zxcvbn's warning (and so the code's last part) depends on the random address among the user inputs.
      code: expect.stringMatching(/^password-weak-/),
      message: expect.stringMatching(/^newPassword is too easy to guess: /),
    });
    const strong = await t.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD });
    expect(strong.status).toBe(204);
  });

  it('limits reset emails per address whatever the client, and the others go on', async () => {
    const target = uniqueEmail('target');
    for (let i = 0; i < 3; i += 1) {
      expect((await t.http().post('/api/auth/password-reset').send({ email: target })).status).toBe(202);
    }
    expect((await t.http().post('/api/auth/password-reset').send({ email: target.toUpperCase() })).status).toBe(429);
    expect((await t.http().post('/api/auth/password-reset').send({ email: uniqueEmail() })).status).toBe(202);
  });

  it('rejects unknown properties and a bad address with 400 naming the field', async () => {
    const bad = await t.http().post('/api/auth/password-reset').send({ email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toContainEqual({
      field: 'email',
      code: 'invalid-email',
      message: 'email must be an email address',
    });
    const extra = await t
      .http()
      .post('/api/auth/password-reset/confirm')
      .send({ token: 'x'.repeat(43), newPassword: NEW_PASSWORD, userId: 'x' });
    expect(extra.status).toBe(400);
  });
});
