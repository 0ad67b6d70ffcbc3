import type { FastifyReply, FastifyRequest } from 'fastify';
import { Metrics } from './metrics';

/** The catch-all route of the client's files, when they are served by one (see client-delivery.ts). */
const CLIENT_ROUTES = new Set(['/*', '*']);

/**
 * Counts and times every request by its route pattern (`/api/groups/:groupId`), never its concrete path: one series
 * per route, however many ids. The client's files are one route, `client`; a path no route matched, `unmatched`.
 * An `onResponse` hook: it runs once the answer is sent, and Fastify has timed the request already.
 */
export function httpMetrics(metrics: Metrics) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const url = request.url;
    const pattern = request.is404 ? undefined : request.routeOptions.url;
    const route =
      pattern !== undefined && !CLIENT_ROUTES.has(pattern) && (pattern.startsWith('/api') || pattern === '/metrics')
        ? pattern
        : url.startsWith('/api/') || url.startsWith('/socket.io')
          ? 'unmatched'
          : 'client';
    metrics.httpRequests.inc({ method: request.method, route, status: reply.statusCode });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  };
}
