import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import { ErrorResponse } from './error-response';
import { errorText, fieldErrorText, isErrorCode, type ErrorLocale } from './errors/error-text';
import type { ErrorCode } from './errors/texts/en';
import { requestLocale, type LocaleSource } from './request-locale';
import { ValidationFailed } from './validation.pipe';

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/** Connection-level failures: the database is away, not the request at fault. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '57014', // statement timeout
  '55000', // database not accepting connections
  '53300', // too many connections: the server's, the database's or the role's limit is reached
  '08000',
  '08001',
  '08003',
  '08006',
  '58030', // I/O error: the disk under the database failed or went read-only
]);
/** PostgreSQL could not grow a file: the disk is full. Reads go on; the write can be retried once space is freed. */
const DISK_FULL = '53100';
/** Failures of the connection itself that pg and TypeORM report without a SQLSTATE. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|query runner (was )?already released|Client has encountered a connection error|not queryable/i;

/** A body parser's refusal (body-parser's shape, see body-parsing.ts), as is or as the cause of an HttpException. */
function bodyParserError(exception: unknown): BodyParserError | null {
  for (const candidate of [exception, exception instanceof HttpException ? exception.cause : undefined]) {
    const parser = candidate as (BodyParserError & { code?: unknown }) | undefined;
    if (!parser || typeof parser !== 'object') continue;
    if (typeof parser.type === 'string' && parser.expose) return parser;
    // Fastify's own content-type parsing refusals (a body over BODY_LIMIT: FST_ERR_CTP_BODY_TOO_LARGE, 413).
    if (typeof parser.code === 'string' && parser.code.startsWith('FST_ERR_CTP_') && parser.statusCode) {
      return { type: parser.code, status: parser.statusCode, expose: true };
    }
  }
  return null;
}

/** The code a refusal without one answers with, by status (the framework's own 404, the throttler's 429, ...). */
const STATUS_CODES_FALLBACK: Record<number, ErrorCode> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'service-unavailable',
};

type CodedBody = Pick<ErrorResponse, 'details' | 'current' | 'code' | 'params'> & { message?: unknown };

/** The response with `message` and each field's message said in the locale; uncoded texts stay as they are. */
export function inLocale(response: ErrorResponse, locale: ErrorLocale): ErrorResponse {
  const message = response.code ? errorText(response.code, response.params, locale) : null;
  return {
    ...response,
    message: message ?? response.message,
    ...(response.details
      ? {
          details: response.details.map((detail) => ({
            ...detail,
            message: fieldErrorText(detail, locale) ?? detail.message,
          })),
        }
      : {}),
  };
}

/** An answer with a catalogue code: its message in the locale. */
function coded(statusCode: number, code: ErrorCode, locale: ErrorLocale): ErrorResponse {
  return inLocale(
    { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message: errorText(code) ?? code },
    locale,
  );
}

/**
 * Turns any thrown value into an ErrorResponse said in `locale`; HTTP and the gateway's acknowledgements alike. Every
 * answer carries a code: the thrower's, else one for its status. A refusal without its own code keeps its English
 * text for English readers (the framework's "Cannot GET /x") and gets its status's text in other languages.
 */
export function toErrorResponse(exception: unknown, locale: ErrorLocale = 'en'): ErrorResponse {
  const parser = bodyParserError(exception);
  if (parser) {
    // body-parser: malformed JSON (400), body too large (413), unsupported charset or encoding (415).
    const statusCode = parser.status ?? parser.statusCode ?? 400;
    const code: ErrorCode =
      parser.type === 'entity.parse.failed' ? 'malformed-json' : (STATUS_CODES_FALLBACK[statusCode] ?? 'bad-request');
    return coded(statusCode, code, locale);
  }
  if (exception instanceof ValidationFailed) {
    const response = inLocale(
      {
        statusCode: 400,
        error: 'Bad Request',
        code: 'validation-failed',
        params: { count: exception.details.length },
        message: exception.message,
        details: exception.details,
      },
      locale,
    );
    // One broken field is the whole story: the answer says it.
    return exception.details.length === 1 ? { ...response, message: response.details![0].message } : response;
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? (body as { message: string[] }).message.join('; ')
          : String((body as { message?: unknown }).message ?? exception.message);
    const extra: CodedBody = typeof body === 'object' ? (body as CodedBody) : {};
    const fallback = STATUS_CODES_FALLBACK[statusCode] ?? 'request-failed';
    const code = typeof extra.code === 'string' ? extra.code : fallback;
    const response: ErrorResponse = {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      code,
      message,
      ...(extra.params ? { params: extra.params } : {}),
      ...(extra.details ? { details: extra.details } : {}),
      ...(extra.current !== undefined ? { current: extra.current } : {}),
    };
    if (isErrorCode(extra.code)) return inLocale(response, locale);
    // Not ours (the framework's, a library's): English keeps its text, another language gets its status's.
    if (locale === 'en') return response;
    return { ...inLocale(response, locale), message: errorText(fallback, {}, locale) ?? message };
  }
  const code =
    (exception as { code?: string; driverError?: { code?: string } })?.code ??
    (exception instanceof QueryFailedError ? (exception.driverError as { code?: string })?.code : undefined);
  const text = (exception as { message?: string })?.message ?? '';
  if (code === DISK_FULL) return coded(503, 'disk-full', locale);
  // PostgreSQL reports a file it may not write (a disk gone read-only: EROFS) as insufficient privilege.
  const unwritable = code === '42501' && /\b(file|directory)\b/.test(text);
  if ((code && UNAVAILABLE_CODES.has(code)) || UNAVAILABLE_MESSAGES.test(text) || unwritable) {
    return coded(503, 'database-unavailable', locale);
  }
  return coded(500, 'internal-error', locale);
}

/**
 * What of an error may be logged: never a failed query's SQL parameters (password hashes, tokens, user text),
 * which TypeORM's QueryFailedError carries along.
 */
export function loggable(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: String(error) };
  const code = (error as { code?: string }).code ?? (error as { driverError?: { code?: string } }).driverError?.code;
  const message =
    error instanceof QueryFailedError ? ((error.driverError as Error)?.message ?? 'query failed') : error.message;
  return {
    type: error.name,
    message,
    ...(code ? { code } : {}),
    stack: error.stack?.split('\n').slice(1, 8).join('\n'),
  };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const context = host.switchToHttp();
    const reply = context.getResponse<FastifyReply>();
    const request = context.getRequest<LocaleSource & { id?: string; method: string; url: string }>();
    const body = toErrorResponse(exception, requestLocale(request));
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, reqId: request.id, method: request.method, url: request.url },
        'Request failed',
      );
    }
    if (reply.sent || reply.raw.headersSent) return;
    // JSON whatever the route had set (a CSV's or a page's type), as an error answer always is.
    void reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
  }
}
