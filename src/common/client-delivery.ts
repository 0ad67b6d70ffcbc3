import compression from 'compression';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

/** Vite names every built asset after its content: one URL, one content, forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page names the current assets: asked again on every load, so a deploy reaches every tab at once. */
const REVALIDATE = 'no-cache';
/** robots.txt, favicon.ico, the manifest and its icons keep their names across deploys. */
const STABLE = 'public, max-age=86400';

const isServerPath = (path: string) => path.startsWith('/api') || path.startsWith('/socket.io');

/**
 * The web client's files: the .br or .gz file the build made beside each one (client/compress.mjs) when the browser
 * takes it, so no CPU is spent compressing per request; cache headers by kind of file; index.html for the client's
 * own routes (paths without a file extension) and a 404 for a missing file, never the app's HTML in its place.
 * API and socket paths never touch the file system: the static lookup was measurable CPU on every API request.
 */
export function clientDelivery(root: string): RequestHandler[] {
  const files = expressStaticGzip(root, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: 'index.html',
    serveStatic: {
      setHeaders: (res: ServerResponse, path: string) =>
        res.setHeader(
          'Cache-Control',
          path.includes(`${join(root, 'assets')}/`) ? IMMUTABLE : path.endsWith('.html') ? REVALIDATE : STABLE,
        ),
    },
  }) as RequestHandler;
  const hasIndex = existsSync(join(root, 'index.html'));
  return [
    (req: Request, res: Response, next: NextFunction) => (isServerPath(req.path) ? next() : files(req, res, next)),
    (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || isServerPath(req.path) || !hasIndex) return next();
      if (extname(req.path) !== '' || !req.accepts('html')) return next();
      req.url = '/index.html';
      files(req, res, next);
    },
  ];
}

/**
 * API answers compressed on the fly (JSON pages of messages are tens of kilobytes): brotli at a fast level or gzip,
 * from 1 KiB. File downloads are left as stored (their length shows progress; most are compressed already).
 */
export function apiCompression(): RequestHandler {
  const compress = compression({ threshold: 1024 });
  return (req: Request, res: Response, next: NextFunction) =>
    req.path.startsWith('/api/') && !req.path.startsWith('/api/files/') ? compress(req, res, next) : next();
}
