import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fc from 'fast-check';
import {
  createAdmin,
  addMember,
  createGroup,
  createOrganization,
  createThread,
  PASSWORD,
  postMessage,
  registerUser,
  TestUser,
  uniqueEmail,
} from '../support/factories';
import { brokenInvariants } from '../support/invariants';
import { listRoutes } from '../support/routes';
import { createTestApp, TestApp } from '../support/test-app';
import {
  errorShapeProblem,
  ErrorWatch,
  Figures,
  FUZZ_ONLY,
  FUZZ_RUNS,
  FUZZ_SEED,
  leaksInternals,
  pollutionMarkers,
  prototypeSnapshot,
  seedFor,
} from './fuzz-figures';
import { Auth, authPayloads, BodyPayload, bodyPayloads } from './fuzz-http';
import { pathSegment, QueryPayload, queryPayloads, summarize } from './fuzz-payloads';
import { Actor, PUBLIC_ROUTES, REFRESH_TOKEN, ROUTES, RouteSpec, Scene, Users } from './rest-fuzz-routes';

/**
 * Property-based fuzzing of every REST route against the real app: wrong types, missing and unknown fields, huge
 * strings, deep nesting, unicode edge cases, prototype-pollution keys, bad path ids and bogus query strings, sent
 * as the right kind of user (a facilitator of a real group, with real thread, message and action ids) and as
 * nobody. FUZZ_RUNS payloads per route (60 by default, 1000 in `npm run test:chaos`); FUZZ_SEED replays a run.
 */

const BODY_LIMIT_BYTES = 256 * 1024;
const LIMITS = { maxString: 300_000, maxDepth: 20_000 };
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);

/** Figures that must be 0, in the order they are printed. */
const MUST_BE_ZERO = [
  'responses with status >= 500',
  'responses containing a stack trace or source path',
  'unknown body properties accepted (2xx)',
  'unknown query parameters accepted (2xx)',
  'error bodies not { statusCode, error, code, message[, params][, details][, current] }',
  'bodies over the limit not answered 413',
  'bodies within the limit answered 413',
  '2xx without a valid token on a protected route',
  'requests without an answer',
];

let t: TestApp;
let users: Users;
const figures = new Figures();
/** Which unknown keys got through, to tell one validation gap from many. */
const acceptedKeys = new Figures();
const watch = new ErrorWatch();
const prototypeBefore = prototypeSnapshot();

interface RestCase {
  params: Record<string, string>;
  query: QueryPayload;
  body?: BodyPayload;
  headers: Record<string, string>;
  auth: Auth;
}

function restCases(spec: RouteSpec, s: Scene): fc.Arbitrary<RestCase> {
  const names = [...spec.route.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const real: Record<string, string[]> = { groupId: [s.groupId], ...spec.params?.(s, users) };
  const params = fc.record(Object.fromEntries(names.map((name) => [name, pathSegment(real[name])])));
  const query: fc.Arbitrary<QueryPayload> = spec.query
    ? queryPayloads(spec.query(s, users))
    : fc.oneof(
        { weight: 3, arbitrary: fc.constant<QueryPayload>({ text: '', unknownKeys: [] }) },
        { weight: 1, arbitrary: queryPayloads({}) },
      );
  // Routes without a body get one now and then: it must be ignored or refused, never trip anything.
  const body = spec.body
    ? bodyPayloads(spec.body(s, users), LIMITS, BODY_LIMIT_BYTES)
    : fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: bodyPayloads({}, LIMITS, BODY_LIMIT_BYTES) },
      );
  const headers = fc
    .record(
      Object.fromEntries(
        Object.entries(spec.headers ?? {}).map(([name, arb]) => [name, fc.option(arb, { nil: undefined })]),
      ),
    )
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
  return fc.record({ params, query, body, headers, auth: authPayloads(users.facilitator.accessToken) });
}

/** Access tokens of the actors whose sessions the fuzzing itself ends (logout). */
const tokens: Partial<Record<Actor, string>> = {};
let refreshToken = '';

function tokenOf(actor: Actor): string {
  if (tokens[actor]) return tokens[actor]!;
  const user = { facilitator: users.facilitator, admin: users.admin, self: users.self, leaver: users.leaver }[
    actor as Exclude<Actor, 'public'>
  ];
  return (user ?? users.facilitator).accessToken;
}

async function login(user: TestUser): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
  return res.body;
}

async function send(spec: RouteSpec, c: RestCase, index: number, routeFigures: Figures): Promise<void> {
  const [method, template] = spec.route.split(' ');
  const path = template.replace(/:(\w+)/g, (_, name: string) => c.params[name]);
  const url = c.query.text ? `${path}?${c.query.text}` : path;
  let req = t.http()[method.toLowerCase() as 'get'](url).timeout(60_000);
  if (c.auth.kind === 'actor') req = req.set('Authorization', `Bearer ${tokenOf(spec.as)}`);
  if (c.auth.kind === 'bogus') req = req.set('Authorization', c.auth.header);
  for (const [name, value] of Object.entries(c.headers)) req = req.set(name, value);
  let data = c.body?.data;
  if (typeof data === 'string' && data.includes(REFRESH_TOKEN)) data = data.split(REFRESH_TOKEN).join(refreshToken);
  if (c.body) req = req.set('Content-Type', c.body.contentType).send(data);

  const bytes = data === undefined ? 0 : Buffer.byteLength(data);
  const caseText = () =>
    `FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY="${spec.route}" case #${index}: ${method} ${summarize(url, 160)} auth=${c.auth.kind}` +
    (c.body ? ` ${c.body.contentType} [${c.body.variant}, ${bytes} bytes] ${summarize(String(data))}` : '');
  const record = (figure: string, detail: string, kind = '') => {
    figures.violation(figure, `${caseText()} → ${detail}`, kind);
    routeFigures.violation(figure, `${caseText()} → ${detail}`, kind);
  };

  let res;
  try {
    res = await req;
  } catch (error) {
    record('requests without an answer', String(error));
    return;
  }
  figures.add('requests sent');
  figures.add(`status ${Math.floor(res.status / 100)}xx`);
  const answer = `${res.status} ${summarize(res.text ?? '', 300)}`;
  const ok = res.status >= 200 && res.status < 300;
  if (res.status >= 500) {
    const cause = watch.causeOf(method, url);
    record('responses with status >= 500', `${answer} [${cause}]`, cause);
  }
  if (leaksInternals(res.text ?? '')) record('responses containing a stack trace or source path', answer);
  if (res.status >= 400) {
    const problem = errorShapeProblem(res.status, res.body, res.headers['content-type']);
    if (problem)
      record(
        'error bodies not { statusCode, error, code, message[, params][, details][, current] }',
        `${problem}: ${answer}`,
      );
  }
  if (ok && spec.body && c.body?.unknownKeys.length) {
    record('unknown body properties accepted (2xx)', `keys ${JSON.stringify(c.body.unknownKeys)}: ${answer}`);
    for (const key of c.body.unknownKeys) acceptedKeys.add(`body ${key}`);
  }
  if (ok && spec.query && c.query.unknownKeys.length) {
    record('unknown query parameters accepted (2xx)', `keys ${JSON.stringify(c.query.unknownKeys)}: ${answer}`);
    for (const key of c.query.unknownKeys) acceptedKeys.add(`query ${key}`);
  }
  if (c.body?.contentType === 'application/json' && bytes > BODY_LIMIT_BYTES && res.status !== 413) {
    record('bodies over the limit not answered 413', answer);
  }
  if (bytes <= BODY_LIMIT_BYTES && res.status === 413) record('bodies within the limit answered 413', answer);
  if (ok && c.auth.kind !== 'actor' && !PUBLIC_ROUTES.has(spec.route)) {
    record('2xx without a valid token on a protected route', answer);
  }

  // Keep the sessions the fuzzing itself ends or rotates usable for the next case.
  if (spec.as === 'leaver' && c.auth.kind === 'actor' && res.status === 204) {
    tokens.leaver = (await login(users.leaver)).accessToken;
  }
  if (spec.route === 'POST /api/auth/refresh' && res.status === 200 && typeof res.body?.refreshToken === 'string') {
    refreshToken = res.body.refreshToken;
  }
}

async function scene(spec: RouteSpec): Promise<Scene> {
  const { facilitator, member, observer, target } = users;
  const group = await createGroup(t, facilitator);
  await addMember(t, group.id, facilitator, member, 'member');
  await addMember(t, group.id, facilitator, observer, 'observer');
  await addMember(t, group.id, facilitator, target, 'member');
  const thread = await createThread(t, group.id, facilitator);
  const recommendation = await createThread(t, group.id, facilitator, {
    kind: 'recommendation',
    title: 'A proposal',
    proposal: 'Do it.',
  });
  const message = await postMessage(t, thread.id, facilitator, `hello <@${member.id}>`);
  const reply = await postMessage(t, thread.id, member, 'a reply', { parentId: message.message.id });
  const organization = await createOrganization(t, users.admin);
  const action = await t
    .http()
    .post(`/api/groups/${group.id}/actions`)
    .set(facilitator.auth)
    .send({ title: 'Follow up', focalPersonId: member.id, leadOrganizationId: organization.id })
    .expect(201);
  const invitation = await t
    .http()
    .post(`/api/groups/${group.id}/invitations`)
    .set(facilitator.auth)
    .send({ email: uniqueEmail('invitee'), role: 'member' })
    .expect(201);
  const s: Scene = {
    groupId: group.id,
    threadId: thread.id,
    recommendationId: recommendation.id,
    messageId: message.message.id,
    replyId: reply.message.id,
    actionId: action.body.id,
    invitationId: invitation.body.id,
    organizationId: organization.id,
  };
  await spec.prepare?.(t, s, users);
  return s;
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, lane));
}

describe('REST fuzzing', () => {
  const started = Date.now();

  beforeAll(async () => {
    // The highest limits the configuration takes; the full mode outlasts the default 15-minute access token.
    t = await createTestApp({ AUTH_RATE_LIMIT: '100000', WRITE_RATE_LIMIT: '1000000', JWT_ACCESS_TTL: '86400' });
    await t.listen();
    watch.start(t.app);
    const admin = await createAdmin(t);
    const [facilitator, member, observer, target, self, leaver, refresher, ...newcomers] = await Promise.all(
      Array.from({ length: 10 }, () => registerUser(t)),
    );
    users = { admin, facilitator, member, observer, target, self, leaver, refresher, newcomers };
    refreshToken = refresher.refreshToken;
    console.log(
      `[fuzz] REST: seed ${FUZZ_SEED}, ${FUZZ_RUNS} payloads per route (FUZZ_RUNS), concurrency ${CONCURRENCY}` +
        (FUZZ_ONLY ? `, only routes containing "${FUZZ_ONLY}"` : ''),
    );
  }, 120_000);

  afterAll(async () => {
    watch.stop();
    await t?.close();
  });

  it('covers every route the app serves, and every route that takes a body with a body', () => {
    expect(ROUTES.map((spec) => spec.route).sort()).toEqual(listRoutes(t.app));
    const document = SwaggerModule.createDocument(t.app, new DocumentBuilder().build());
    const withBody = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((method) => item[method]?.requestBody)
        .map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(
      ROUTES.filter((spec) => spec.body)
        .map((spec) => spec.route)
        .sort(),
    ).toEqual(withBody.sort());
  });

  for (const spec of ROUTES) {
    const selected = !FUZZ_ONLY || spec.route.includes(FUZZ_ONLY);
    (selected ? it : it.skip)(
      `${spec.route}: no 5xx, no stack trace, no unknown property accepted, one error shape`,
      async () => {
        const s = await scene(spec);
        const cases = fc.sample(restCases(spec, s), { numRuns: FUZZ_RUNS, seed: seedFor(spec.route) });
        const routeFigures = new Figures();
        const width = spec.as === 'leaver' || spec.route === 'POST /api/auth/refresh' ? 1 : CONCURRENCY;
        await inParallel(cases, width, (c, index) => send(spec, c, index, routeFigures));
        figures.add('routes fuzzed');
        figures.add('payloads generated', cases.length);
        expect({ broken: routeFigures.nonZero(MUST_BE_ZERO), examples: routeFigures.explain(MUST_BE_ZERO) }).toEqual({
          broken: {},
          examples: '',
        });
      },
      FUZZ_RUNS * 400 + 60_000,
    );
  }

  it('prints the figures; the database and Object.prototype are intact afterwards', async () => {
    const invariants = await brokenInvariants(t.db);
    const health = await t.http().get('/api/health');
    figures.print('REST', ['routes fuzzed', 'payloads generated', 'requests sent', 'status 2xx', 'status 4xx']);
    figures.print('REST', MUST_BE_ZERO);
    console.log(`[fuzz] REST: unknown keys that were accepted: ${acceptedKeys.summary() || 'none'}`);
    console.log(`[fuzz] REST: app errors logged: ${watch.appErrors.length}`);
    for (const cause of watch.causes()) console.log(`[fuzz] REST: logged error: ${cause}`);
    console.log(`[fuzz] REST: uncaught exceptions and unhandled rejections: ${watch.unhandled.length}`);
    console.log(`[fuzz] REST: broken database invariants: ${JSON.stringify(invariants)}`);
    console.log(`[fuzz] REST: Object.prototype pollution markers: ${JSON.stringify(pollutionMarkers())}`);
    console.log(`[fuzz] REST: health after fuzzing: ${health.status}`);
    console.log(`[fuzz] REST: took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(health.status).toBe(200);
    expect(invariants).toEqual({});
    expect(watch.unhandled).toEqual([]);
    expect(prototypeSnapshot()).toEqual(prototypeBefore);
    expect(pollutionMarkers()).toEqual({ polluted: undefined, isAdmin: undefined, toString: 'function' });
  });
});
