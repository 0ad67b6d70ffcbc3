import { randomUUID } from 'node:crypto';
import type { ErrorResponse } from '../../src/common/error-response';
import { PASSWORD, registerUser, setupGroup, TestUser, uniqueEmail } from '../support/factories';
import { openSocket, connect, refusal, TestSocket } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

const ARABIC = /[\u0600-\u06ff]/;
/** Latin words left in a text once the given names and ids are taken out: English that was not translated. */
const latinWords = (text: string, ...allowed: string[]) =>
  allowed.reduce((rest, word) => rest.split(word).join(' '), text).match(/[A-Za-z]+/g) ?? [];

/** Issue #19: a refusal is said in the request's language (Accept-Language, else the user's setting), with its code. */
describe('error messages in the reader language', () => {
  let t: TestApp;
  let url: string;
  let arabicReader: TestUser;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    url = await t.listen();
    arabicReader = await registerUser(t, { locale: 'ar' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  const register = (password: string) =>
    t.http().post('/api/auth/register').send({ email: uniqueEmail(), password, displayName: 'Nadia Karimi' });

  it('refuses a too-short password with field codes, in Arabic when Accept-Language asks for it', async () => {
    const arabic = await register('short').set('Accept-Language', 'ar-EG,ar;q=0.9,en;q=0.5');
    expect(arabic.status).toBe(400);
    expect(arabic.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'validation-failed' });
    expect(arabic.body.details).toEqual([
      { field: 'password', code: 'too-short', params: { min: 10 }, message: expect.stringMatching(ARABIC) },
    ]);
    expect(arabic.body.message).toBe(arabic.body.details[0].message);
    expect(latinWords(arabic.body.message)).toEqual([]);

    const english = await register('short');
    expect(english.body.message).toBe('password must be at least 10 characters');
    expect(english.body.details[0]).toMatchObject({ code: 'too-short', params: { min: 10 } });
  });

  it('says why a password is too easy to guess in Arabic', async () => {
    const weak = await register('password123').set('Accept-Language', 'ar');
    expect(weak.status).toBe(400);
    expect(weak.body.details).toEqual([
      { field: 'password', code: expect.stringMatching(/^password-weak/), message: expect.stringMatching(ARABIC) },
    ]);
    expect(latinWords(weak.body.message)).toEqual([]);
  });

  it('answers a wrong password (401) in the language of the request', async () => {
    const login = (language: string) =>
      t
        .http()
        .post('/api/auth/login')
        .set('Accept-Language', language)
        .send({ email: arabicReader.email, password: `${PASSWORD} wrong` });
    const arabic = await login('ar');
    expect(arabic.status).toBe(401);
    expect(arabic.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'credentials-wrong',
      message: 'البريد الإلكتروني أو كلمة المرور غير صحيحة',
    });
    expect((await login('en-GB')).body.message).toBe('Email or password is wrong');
  });

  it('answers a signed-in user in their own setting, unless the request asks for another language', async () => {
    const missing = `/api/groups/${randomUUID()}`;
    const own = await t.http().get(missing).set(arabicReader.auth);
    expect(own.status).toBe(404);
    expect(own.body).toMatchObject({ code: 'working-group-not-found', message: 'مجموعة العمل غير موجودة' });

    const asked = await t.http().get(missing).set(arabicReader.auth).set('Accept-Language', 'en');
    expect(asked.body).toMatchObject({ code: 'working-group-not-found', message: 'Working group not found' });

    const englishReader = await registerUser(t);
    const plain = await t.http().get(missing).set(englishReader.auth);
    expect(plain.body.message).toBe('Working group not found');
  });

  it('answers a conflict (409) and a malformed body (400) in Arabic too', async () => {
    const g = await setupGroup(t);
    const again = await t
      .http()
      .post(`/api/groups/${g.id}/members`)
      .set(g.facilitator.auth)
      .set('Accept-Language', 'ar')
      .send({ userId: g.member.id, role: 'member' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already-member', message: 'عضو في هذه المجموعة بالفعل' });

    const malformed = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'ar')
      .send('{"email":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'malformed-json', message: expect.stringMatching(ARABIC) });

    const unknownRoute = await t.http().get('/api/no-such-thing').set('Accept-Language', 'ar');
    expect(unknownRoute.body).toMatchObject({ statusCode: 404, code: 'not-found', message: 'غير موجود' });
  });

  it("acknowledges a socket event's refusal in the socket user's language, with its code", async () => {
    const socket = await connect(url, arabicReader.accessToken);
    sockets.push(socket);
    const answer = await new Promise<{ ok: boolean; error?: ErrorResponse }>((resolve) =>
      socket.emit('presence.get', { groupId: randomUUID() }, resolve),
    );
    expect(answer).toMatchObject({
      ok: false,
      error: { statusCode: 404, code: 'working-group-not-found', message: 'مجموعة العمل غير موجودة' },
    });
  });

  it('refuses a handshake in the language the client asks for in auth.locale', async () => {
    const arabic = openSocket(url, 'not.a.token', { auth: { token: 'not.a.token', locale: 'ar' } });
    sockets.push(arabic);
    const error = (await refusal(arabic)) as Error & { data?: ErrorResponse };
    expect(error.data).toMatchObject({ statusCode: 401, code: 'socket-token-invalid' });
    expect(error.message).toMatch(ARABIC);
    expect(error.message).toBe(error.data?.message);

    const english = openSocket(url, 'not.a.token');
    sockets.push(english);
    expect((await refusal(english)).message).toMatch(/invalid or expired/);
  });
});
