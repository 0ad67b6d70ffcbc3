import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AsyncApiDocument, buildAsyncApi } from './asyncapi';
import { renderAsyncApiPage } from './asyncapi-page';
import { OpenApiSchema } from './openapi-schemas';
import { socketDtoClasses } from './socket-messages';

export const ASYNCAPI_PATH = '/api/docs/asyncapi.json';
/** The same document as a page to read (rendered here: the docs' CSP allows no script from elsewhere). */
export const ASYNCAPI_PAGE_PATH = '/api/docs/asyncapi';

/**
 * Publishes the socket protocol beside the OpenAPI document, public like it: built once, at start-up, from the
 * OpenAPI document's schemas (a dangling reference fails the start, not a reader).
 */
export function serveAsyncApi(app: INestApplication, openApi: OpenAPIObject): AsyncApiDocument {
  const config = app.get<AppConfig>(APP_CONFIG);
  const publicUrl = new URL(config.publicUrl);
  const document = buildAsyncApi(socketSchemas(app, openApi), {
    host: publicUrl.host,
    secure: publicUrl.protocol === 'https:',
    version: openApi.info.version,
  });
  const body = JSON.stringify(document);
  const page = renderAsyncApiPage(document);
  const http = app.getHttpAdapter();
  http.get(ASYNCAPI_PATH, (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type('application/json; charset=utf-8').send(body),
  );
  http.get(ASYNCAPI_PAGE_PATH, (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
  return document;
}

/** The OpenAPI document's schemas, plus those of socket DTO classes no REST route names (explored the same way). */
function socketSchemas(app: INestApplication, openApi: OpenAPIObject): Record<string, OpenApiSchema> {
  const schemas = (openApi.components?.schemas ?? {}) as Record<string, OpenApiSchema>;
  const missing = socketDtoClasses().filter((type) => !(type.name in schemas));
  if (missing.length === 0) return schemas;
  // `include` names no module of the app: no route is scanned, only the extra models are explored.
  const extra = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
    include: [NoRoutes],
    extraModels: missing,
  });
  return { ...(extra.components?.schemas as Record<string, OpenApiSchema>), ...schemas };
}

class NoRoutes {}
