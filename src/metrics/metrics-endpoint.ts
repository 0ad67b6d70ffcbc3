import { NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { createServer, Server, ServerResponse } from 'node:http';
import { toErrorResponse } from '../common/all-exceptions.filter';
import { refusal } from '../common/errors/refusal';
import { requestLocale } from '../common/request-locale';
import { pathOf } from '../common/request-path';
import { Metrics } from './metrics';

/**
 * `/metrics` on the app's own port: only with `Authorization: Bearer <METRICS_TOKEN>`; without a configured token
 * the path does not exist (404), so a deployment never exposes its internals by forgetting a setting.
 */
export function metricsRoute(metrics: Metrics, token: string | undefined) {
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (request.method !== 'GET' || pathOf(request.url) !== '/metrics') return done();
    if (!expected) {
      // Not the client's page either: a scraper pointed here by mistake gets a plain no.
      void reply.code(404).send(toErrorResponse(new NotFoundException(refusal('not-found')), requestLocale(request)));
      return;
    }
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      void reply
        .code(401)
        .header('WWW-Authenticate', 'Bearer realm="metrics"')
        .send(toErrorResponse(new UnauthorizedException(refusal('metrics-token-required')), requestLocale(request)));
      return;
    }
    metrics.render().then(
      (text) => reply.header('Content-Type', metrics.contentType).header('Cache-Control', 'no-store').send(text),
      () => reply.code(500).send(),
    );
  };
}

/** `METRICS_PORT`: the same text on a listener of its own, for an internal network (no token on it). */
export async function startMetricsServer(metrics: Metrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: the metrics are at /metrics\n');
      return;
    }
    void send(metrics, res);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return server;
}

async function send(metrics: Metrics, res: ServerResponse): Promise<void> {
  try {
    const text = await metrics.render();
    res.setHeader('Content-Type', metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(text);
  } catch {
    res.statusCode = 500;
    res.end();
  }
}
