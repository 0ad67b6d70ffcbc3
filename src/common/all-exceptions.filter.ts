import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import { ErrorResponse } from './error-response';
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

/** Turns any thrown value into an ErrorResponse; HTTP transport only (the gateway has its own). */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof ValidationFailed) {
    return { statusCode: 400, error: 'Bad Request', message: exception.message, details: exception.details };
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
    const extra = typeof body === 'object' ? (body as Pick<ErrorResponse, 'details' | 'current' | 'code'>) : {};
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      ...(typeof extra.code === 'string' ? { code: extra.code } : {}),
      ...(extra.details ? { details: extra.details } : {}),
      ...(extra.current !== undefined ? { current: extra.current } : {}),
    };
  }
  const parser = exception as BodyParserError;
  if (parser && typeof parser === 'object' && typeof parser.type === 'string' && parser.expose) {
    // body-parser: malformed JSON (400), body too large (413), unsupported charset (415).
    const statusCode = parser.status ?? parser.statusCode ?? 400;
    const message =
      parser.type === 'entity.parse.failed'
        ? 'Malformed JSON body'
        : parser.type === 'entity.too.large'
          ? 'Request body is too large'
          : (STATUS_CODES[statusCode] ?? 'Bad request');
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  }
  const code =
    (exception as { code?: string; driverError?: { code?: string } })?.code ??
    (exception instanceof QueryFailedError ? (exception.driverError as { code?: string })?.code : undefined);
  const text = (exception as { message?: string })?.message ?? '';
  if (code === DISK_FULL) {
    return {
      statusCode: 503,
      error: 'Service Unavailable',
      message: "The server's disk is full: writes are refused until space is freed",
    };
  }
  // PostgreSQL reports a file it may not write (a disk gone read-only: EROFS) as insufficient privilege.
  const unwritable = code === '42501' && /\b(file|directory)\b/.test(text);
  if ((code && UNAVAILABLE_CODES.has(code)) || UNAVAILABLE_MESSAGES.test(text) || unwritable) {
    return { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; try again shortly' };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' };
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
    const response = context.getResponse<{
      headersSent: boolean;
      status(code: number): { json(body: unknown): void };
    }>();
    const request = context.getRequest<{ id?: string; method: string; url: string }>();
    const body = toErrorResponse(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, reqId: request.id, method: request.method, url: request.url },
        'Request failed',
      );
    }
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }
}
