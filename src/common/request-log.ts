import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import type { Level } from 'pino';

/** A request slower than this is logged at info whatever its answer: the ones worth a look at the default level. */
export const SLOW_REQUEST_MS = 1000;

/** Probes and scrapes every few seconds would bury the requests people make. */
const quiet = (url: string) => url.startsWith('/api/health') || url === '/metrics';

/** The level a finished request is logged at: errors and refusals always, slow ones at info, the rest at debug. */
export function requestLevel(statusCode: number, elapsedMs: number): Level {
  if (statusCode >= 500) return 'error';
  if (statusCode >= 400) return 'warn';
  return elapsedMs >= SLOW_REQUEST_MS ? 'info' : 'debug';
}

/**
 * One line per finished request, as pino-http wrote it (`req` with its id, `res`, `responseTime`), but only when its
 * level is enabled: at the default level (info) a quick successful request costs one comparison — no child logger,
 * no serializers, no write. The root logger's serializers and redaction (logging.module.ts) shape the line.
 */
export function requestLog() {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const logger = PinoLogger.root;
    const elapsed = reply.elapsedTime;
    const level = requestLevel(reply.statusCode, elapsed);
    if (logger?.isLevelEnabled(level) && !quiet(request.url)) {
      logger[level](
        {
          req: { id: request.id, method: request.method, url: request.url },
          res: reply.raw,
          responseTime: Math.round(elapsed),
        },
        reply.statusCode >= 500 ? 'request errored' : 'request completed',
      );
    }
    done();
  };
}
