import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

const STRICT_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Swagger UI ships inline styles; it gets them, and nothing else does. */
const DOCS_CSP = { ...STRICT_CSP, directives: { ...STRICT_CSP.directives, styleSrc: ["'self'", "'unsafe-inline'"] } };

/**
 * The headers helmet sets with these options. They depend on nothing in the request (no nonces), so helmet runs once,
 * at start-up, against a stand-in response, and every request gets the same list: helmet per request was measurable.
 */
export function helmetHeaders(options: Parameters<typeof helmet>[0]): [string, string][] {
  const headers: [string, string][] = [];
  const response = {
    setHeader: (name: string, value: string | number) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  let called = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => (called = true));
  if (!called) throw new Error('helmet did not finish synchronously');
  return headers;
}

/**
 * Helmet's headers on every HTTP answer: the strict CSP, Swagger UI's under /api/docs. Set on the Node response, as
 * Express's helmet did: Fastify merges them into whatever it sends (errors and 404s too), and a route's own value of
 * the same header (a file's sandboxing CSP) wins.
 */
export function securityHeaders() {
  const strict = helmetHeaders({ contentSecurityPolicy: STRICT_CSP });
  const docs = helmetHeaders({ contentSecurityPolicy: DOCS_CSP });
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const raw = reply.raw;
    for (const [name, value] of request.url.startsWith('/api/docs') ? docs : strict) raw.setHeader(name, value);
    done();
  };
}
