import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

/**
 * Counts and times every request by its route pattern (`/api/groups/:groupId`), never its concrete path: one series
 * per route, however many ids. The client's files are one route, `client`; a path no route matched, `unmatched`.
 */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = req.route
        ? `${req.baseUrl}${String((req.route as { path: string }).path)}`
        : req.path.startsWith('/api/') || req.path.startsWith('/socket.io')
          ? 'unmatched'
          : 'client';
      metrics.httpRequests.inc({ method: req.method, route, status: res.statusCode });
      metrics.httpDuration.observe({ method: req.method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
