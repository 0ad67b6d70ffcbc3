import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathOf } from './request-path';

/** Vite names every built asset after its content: one URL, one content, forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page names the current assets: asked again on every load, so a deploy reaches every tab at once. */
const REVALIDATE = 'no-cache';
/** robots.txt, favicon.ico, the manifest and its icons keep their names across deploys. */
const STABLE = 'public, max-age=86400';

const isServerPath = (path: string) => path.startsWith('/api') || path.startsWith('/socket.io');

/** Whether a route's answers are compressed on the fly: the API's, except file downloads (stored as they are). */
export function isCompressedRoute(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/files/');
}

/** Whether an Accept header takes HTML (`req.accepts('html')`): no header, text/html, text/*, or any, not at q=0. */
export function acceptsHtml(accept: string | undefined): boolean {
  if (!accept) return true;
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';');
    const media = type.trim().toLowerCase();
    if (media !== 'text/html' && media !== 'text/*' && media !== '*/*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/**
 * The web client's files: the .br or .gz file the build made beside each one (client/compress.mjs) when the browser
 * takes it, so no CPU is spent compressing per request; cache headers by kind of file; index.html for the client's
 * own routes (paths without a file extension) and a 404 for a missing file, never the app's HTML in its place.
 * One route per file, found once at start-up (the build is done by then): API and socket paths, and any path that is
 * no file, never touch the file system — the static lookup was measurable CPU on every API request.
 */
export async function clientDelivery(app: NestFastifyApplication, root: string): Promise<void> {
  const assets = `${join(root, 'assets')}/`;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    // `/` is the page like any client route (below): the plugin's own index route answered 404 to a browser taking
    // brotli, index.html having no .br beside it.
    index: false,
    preCompressed: true,
    cacheControl: false,
    // The .br and .gz files are served in place of their originals, not as files of their own.
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: (reply: FastifyReply, path: string) => {
      const served = path.replace(/\.(br|gz)$/, '');
      void reply.header(
        'Cache-Control',
        served.startsWith(assets) ? IMMUTABLE : served.endsWith('.html') ? REVALIDATE : STABLE,
      );
    },
  });
  if (!existsSync(join(root, 'index.html'))) return;
  // `/` and the client's routes (no file there): the page, which routes them itself. Decided before Nest's 404.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD')) return done();
      const path = pathOf(request.url);
      const page =
        path === '/' ||
        (request.method === 'GET' &&
          !isServerPath(path) &&
          extname(path) === '' &&
          acceptsHtml(request.headers.accept));
      if (!page) return done();
      void reply.sendFile('index.html');
    });
}
