import {
  BadRequestException,
  INestApplication,
  PayloadTooLargeException,
  RequestMethod,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import compress from '@fastify/compress';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { AllExceptionsFilter, toErrorResponse } from './common/all-exceptions.filter';
import { jsonBodyParser, byteSize, ignoredFormParser, streamedMultipartParser } from './common/body-parsing';
import { clientDelivery, isCompressedRoute } from './common/client-delivery';
import { refusal } from './common/errors/refusal';
import { GLOBAL_ERRORS } from './common/openapi/api-errors.decorator';
import { finishDocument } from './common/openapi/finish-document';
import { operationIdOf } from './common/openapi/operation-ids';
import { checkPayload } from './common/payload-guard';
import { requestLog } from './common/request-log';
import { requestLocale } from './common/request-locale';
import { pathOf } from './common/request-path';
import { securityHeaders } from './common/security-headers';
import { createValidationPipe, ValidationFailed } from './common/validation.pipe';
import { AppConfig } from './config/app-config';
import { DiskSpace, diskFull } from './database/disk-space';
import { serveAsyncApi } from './docs/serve-asyncapi';
import { Draining } from './health/draining';
import { httpMetrics } from './metrics/http-metrics';
import { Metrics } from './metrics/metrics';
import { metricsRoute } from './metrics/metrics-endpoint';
import { TansiqIoAdapter } from './realtime/socket-io.adapter';

const CLIENT_ROOT = join(__dirname, '..', 'client');

/** Where the web client's files are: the Vite build when there is one, else the static placeholder. */
export function clientDirectory(): string {
  const built = join(CLIENT_ROOT, 'dist');
  return existsSync(join(built, 'index.html')) ? built : join(CLIENT_ROOT, 'public');
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The one route that takes multipart bodies (see AttachmentsController.upload). */
const UPLOAD_PATH = /^\/api\/groups\/[^/]+\/attachments\/?$/;
/** The one route that takes a workbook (see ProgressWorkbookController.import): read whole, up to WORKBOOK_LIMIT. */
const WORKBOOK_PATH = /^\/api\/groups\/[^/]+\/progress\/import\/?$/;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WORKBOOK_LIMIT = 5 * 1024 * 1024;
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The media type of a Content-Type header, lower case and without parameters. */
const mediaTypeOf = (header: string | undefined): string =>
  header === undefined ? '' : header.split(';', 1)[0].trim().toLowerCase();

/**
 * A JSON body longer than BODY_LIMIT is refused 413 whatever the method or route, as body-parser did on Express before
 * any route was matched: Fastify reads no body on a GET and routes (404, a bad path) before it would read one.
 */
function oversizedJson(headers: IncomingMessage['headers'], limit: number): boolean {
  return Number(headers['content-length'] ?? 0) > limit && mediaTypeOf(headers['content-type']) === 'application/json';
}

/**
 * The HTTP server: Fastify, set up once with what Express was told per request. The request id is the client's
 * X-Request-Id when it is sane, else a fresh UUID; proxies are believed as TRUST_PROXY says; route parameters may be
 * as long as a signed file link's token; paths match as on Express (any case, a trailing slash ignored).
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  const headers = securityHeaders();
  const bodyLimit = byteSize(config.bodyLimit);
  return new FastifyAdapter({
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit,
    // JSON.parse's own semantics: the payload guard refuses prototype keys, naming the field (a 400 like any other).
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 2048 },
    // A path the router cannot decode (`/api/groups/%Z`) is refused before any hook runs: answered here in the API's
    // error shape, with the headers every answer carries.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      headers(request, reply, () => undefined);
      const refused = oversizedJson(request.headers, bodyLimit)
        ? new PayloadTooLargeException(refusal('payload-too-large'))
        : new BadRequestException(refusal(error.code === 'FST_ERR_BAD_URL' ? 'malformed-url' : 'bad-request'));
      void reply.code(refused.getStatus()).send(toErrorResponse(refused, requestLocale(request)));
    },
  });
}

/**
 * TRUST_PROXY as Express read it: addresses or names (`loopback, 10.0.0.0/8`) as they are; a hop count trusts that many
 * hops from the server (Fastify 5 trusts no hop for a bare number).
 */
function trustedProxies(
  setting: AppConfig['trustProxy'],
): string | boolean | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

type Done = (error?: Error) => void;

/** Everything between creating the app and listening; shared by main.ts and the tests. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<INestApplication> {
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // First of all: once the node drains, a new request is answered 503 before anything else runs for it.
  fastify.addHook('onRequest', app.get(Draining).onRequest);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: Done) => {
    reply.raw.setHeader('X-Request-Id', request.id);
    done();
  });
  const metrics = httpMetrics(app.get(Metrics));
  fastify.addHook('onResponse', metrics);
  fastify.addHook('onRequest', metricsRoute(app.get(Metrics), config.metrics.token));
  // Errors and slow requests are logged; a successful one only at debug (see request-log.ts).
  fastify.addHook('onResponse', requestLog());
  app.useWebSocketAdapter(new TansiqIoAdapter(app, config));
  // Helmet's headers, worked out once: the strict CSP everywhere, Swagger UI's inline styles under /api/docs. No
  // X-Powered-By (Fastify sends none) and no body-hash ETags (Fastify makes none): an ETag on an API answer is a
  // version clients send back in If-Match (action items set theirs); static files keep their own.
  fastify.addHook('onRequest', securityHeaders());
  app.enableCors({ origin: config.corsOrigins, credentials: false, maxAge: 600, strictPreflight: false });
  // API answers compressed on the fly (brotli at a fast level, or gzip, from 1 KiB); each route is decided once, as it
  // is registered: file downloads and the client's files are left as stored (the latter have their .br and .gz).
  fastify.addHook('onRoute', (route) => {
    if (!isCompressedRoute(route.url ?? route.path)) (route as { compress?: boolean }).compress = false;
  });
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  // JSON only: one body format to validate (a form body never reaches a DTO).
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, jsonBodyParser);
  // Uploads are multipart, streamed by their route (busboy, its own limits) from the raw request: nothing reads them.
  fastify.addContentTypeParser('multipart/form-data', streamedMultipartParser);
  // A progress workbook is read whole, as bytes, by its one route (413 beyond the limit).
  fastify.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: WORKBOOK_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
  // Mail clients POST one-click unsubscribes as a form (RFC 8058), whose body is ignored (the token is in the URL).
  fastify.addContentTypeParser('application/x-www-form-urlencoded', ignoredFormParser);
  // Any other type comes with no body (one with a body is refused below, before parsing): nothing to read.
  fastify.addContentTypeParser('*', ignoredFormParser);
  // A body in any other format is refused, not silently ignored: the DTO would never see its fields.
  const bodyLimit = byteSize(config.bodyLimit);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: Done) => {
    const headers = request.headers;
    if (oversizedJson(headers, bodyLimit)) {
      const refused = new PayloadTooLargeException(refusal('payload-too-large'));
      void reply.code(413).send(toErrorResponse(refused, requestLocale(request)));
      return;
    }
    if (!WRITE_METHODS.has(request.method)) return done();
    const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
    if (!hasBody) return done();
    const type = mediaTypeOf(headers['content-type']);
    if (type === 'application/json') return done();
    const path = pathOf(request.url);
    if (type === 'application/x-www-form-urlencoded' && path === '/api/mail/unsubscribe') return done();
    if (type === 'multipart/form-data' && request.method === 'POST' && UPLOAD_PATH.test(path)) return done();
    if (type === XLSX_TYPE && request.method === 'POST' && WORKBOOK_PATH.test(path)) return done();
    void reply
      .code(415)
      .send(toErrorResponse(new UnsupportedMediaTypeException(refusal('json-body-required')), requestLocale(request)));
  });
  // Before any transformer sees it: depth, prototype-shadowing keys, text PostgreSQL cannot store.
  const disk = app.get(DiskSpace);
  fastify.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done: Done) => {
    const problem =
      (request.body !== undefined && !Buffer.isBuffer(request.body) ? checkPayload(request.body, '') : null) ??
      checkPayload(request.query, '');
    if (problem) {
      const failed = new ValidationFailed([{ ...problem, field: problem.field || '(body)' }]);
      void reply.code(400).send(toErrorResponse(failed, requestLocale(request)));
      return;
    }
    // A full disk refuses writes with the reason before PostgreSQL runs out of room; reads, and signing in or out,
    // go on.
    if (WRITE_METHODS.has(request.method) && disk.problem()) {
      const path = pathOf(request.url);
      if (path.startsWith('/api/') && !path.startsWith('/api/auth/')) {
        void reply.code(503).send(toErrorResponse(diskFull(), requestLocale(request)));
        return;
      }
    }
    done();
  });
  // The embeddable progress widget lives beside the published page it belongs to (`/p/:token`), outside /api.
  app.setGlobalPrefix('api', {
    exclude: [
      { path: '/', method: RequestMethod.GET },
      { path: 'p/:token/widget', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tansiq API')
      .setDescription(
        'Working groups, discussions, recommendations and action items, live. Errors answer ' +
          '{ statusCode, error, code, message, params?, details?: [{ field, code, message, params? }] }: code is ' +
          'stable, message follows Accept-Language (en, ar), else the signed-in user’s setting.',
      )
      .setVersion('1')
      .setLicense('UNLICENSED', '')
      .addServer('/', 'This server')
      .addBearerAuth()
      .addGlobalResponse(...GLOBAL_ERRORS)
      .build(),
    { operationIdFactory: operationIdOf },
  );
  SwaggerModule.setup('api/docs', app, finishDocument(document));
  serveAsyncApi(app, document);

  await clientDelivery(app, clientDirectory());
  return app;
}
