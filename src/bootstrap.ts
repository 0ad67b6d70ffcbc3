import { INestApplication, RequestMethod, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AllExceptionsFilter, toErrorResponse } from './common/all-exceptions.filter';
import { apiCompression, clientDelivery } from './common/client-delivery';
import { refusal } from './common/errors/refusal';
import { GLOBAL_ERRORS } from './common/openapi/api-errors.decorator';
import { finishDocument } from './common/openapi/finish-document';
import { operationIdOf } from './common/openapi/operation-ids';
import { checkPayload } from './common/payload-guard';
import { requestLocale } from './common/request-locale';
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

const STRICT_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Swagger UI ships inline styles; it gets them, and nothing else does. */
const DOCS_CSP = { ...STRICT_CSP, directives: { ...STRICT_CSP.directives, styleSrc: ["'self'", "'unsafe-inline'"] } };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The one route that takes multipart bodies (see AttachmentsController.upload). */
const UPLOAD_PATH = /^\/api\/groups\/[^/]+\/attachments\/?$/;

/** Everything between creating the app and listening; shared by main.ts and the tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  // First of all: once the node drains, a new request is answered 503 before anything else runs for it.
  app.use(app.get(Draining).middleware);
  app.use(httpMetrics(app.get(Metrics)));
  app.use(metricsRoute(app.get(Metrics), config.metrics.token));
  app.useWebSocketAdapter(new TansiqIoAdapter(app, config));
  app.disable('x-powered-by');
  // No weak body-hash ETags on API answers: an ETag is a version clients send back in If-Match (action items set
  // theirs); static files keep their own (serve-static's option, not this one).
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  const strict = helmet({ contentSecurityPolicy: STRICT_CSP });
  const docs = helmet({ contentSecurityPolicy: DOCS_CSP });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next),
  );
  app.enableCors({ origin: config.corsOrigins, credentials: false, maxAge: 600 });
  app.use(apiCompression());
  // JSON only: one body format to validate (a form body never reaches a DTO).
  app.useBodyParser('json', { limit: config.bodyLimit });
  // A body in any other format is refused, not silently ignored: the DTO would never see its fields. One exception:
  // mail clients POST one-click unsubscribes as a form (RFC 8058), whose body is ignored (the token is in the URL).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || req.is('application/json') || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method))
      return next();
    if (req.path === '/api/mail/unsubscribe' && req.is('application/x-www-form-urlencoded')) return next();
    // Uploads are multipart, streamed by their route (busboy, its own limits): no body parser reads them first.
    if (req.method === 'POST' && UPLOAD_PATH.test(req.path) && req.is('multipart/form-data')) return next();
    res
      .status(415)
      .json(toErrorResponse(new UnsupportedMediaTypeException(refusal('json-body-required')), requestLocale(req)));
  });
  // Before any transformer sees it: depth, prototype-shadowing keys, text PostgreSQL cannot store.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const problem = (req.body !== undefined ? checkPayload(req.body, '') : null) ?? checkPayload(req.query, '');
    if (!problem) return next();
    res
      .status(400)
      .json(
        toErrorResponse(new ValidationFailed([{ ...problem, field: problem.field || '(body)' }]), requestLocale(req)),
      );
  });
  // A full disk refuses writes with the reason before PostgreSQL runs out of room; reads, and signing in or out, go on.
  const disk = app.get(DiskSpace);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!WRITE_METHODS.has(req.method) || !req.path.startsWith('/api/') || req.path.startsWith('/api/auth/'))
      return next();
    if (!disk.problem()) return next();
    res.status(503).json(toErrorResponse(diskFull(), requestLocale(req)));
  });
  app.setGlobalPrefix('api', { exclude: [{ path: '/', method: RequestMethod.GET }] });
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

  app.use(...clientDelivery(clientDirectory()));
  return app;
}
