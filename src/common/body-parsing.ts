import type { FastifyRequest } from 'fastify';

type Parsed = (error: Error | null, body?: unknown) => void;

/** `256kb`, `1mb`, `512b` (BODY_LIMIT, checked when the configuration loads) in bytes. */
export function byteSize(text: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(text);
  if (!match) throw new Error(`not a size: ${text}`);
  const unit = match[2].toLowerCase();
  return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

/**
 * A refusal shaped like body-parser's (`type`, `status`, `expose`): the error filter answers it with its catalogue code
 * (`malformed-json`), as it did on Express, and Nest's adapter hands it on as the cause of a 400.
 */
function malformed(): Error {
  return Object.assign(new Error('malformed JSON'), {
    type: 'entity.parse.failed',
    status: 400,
    statusCode: 400,
    expose: true,
  });
}

/**
 * JSON bodies as body-parser read them: an empty body is `{}` (clients send the type on a POST without one); the
 * top level must be an object or an array (a bare string or number is refused); no reviver, no prototype scan (the
 * payload guard names such a key as a field).
 */
export function jsonBodyParser(_request: FastifyRequest, body: string | Buffer, done: Parsed): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  let at = 0;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
  if (at === text.length) return done(null, {});
  if (text[at] !== '{' && text[at] !== '[') return done(malformed());
  try {
    done(null, JSON.parse(text));
  } catch {
    done(malformed());
  }
}

/** Multipart bodies are the upload route's to stream from `request.raw` (busboy): nothing is read here. */
export function streamedMultipartParser(_request: FastifyRequest, _payload: unknown, done: Parsed): void {
  done(null, undefined);
}

/**
 * The one form body accepted (RFC 8058's one-click unsubscribe, see bootstrap.ts) carries nothing the route reads:
 * it is left unread, and Node discards it once the answer is sent.
 */
export function ignoredFormParser(_request: FastifyRequest, _payload: unknown, done: Parsed): void {
  done(null, undefined);
}
