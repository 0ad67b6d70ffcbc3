import type { FastifyReply } from 'fastify';

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'strict' | 'lax';
  path: string;
  secure: boolean;
  /** Milliseconds, as Express took it; absent for a session cookie. */
  maxAge?: number;
}

const SAME_SITE = { strict: 'Strict', lax: 'Lax' } as const;

/**
 * One Set-Cookie header, written as Express's `res.cookie` wrote it (the `cookie` package's order of attributes, the
 * value URI-encoded, Max-Age in seconds beside an Expires), so clients and tests see the same bytes. Appended: an
 * answer may set several cookies.
 */
export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  let header = `${name}=${encodeURIComponent(value)}`;
  let expires: Date | undefined;
  if (options.maxAge !== undefined) {
    expires = new Date(Date.now() + options.maxAge);
    header += `; Max-Age=${Math.floor(options.maxAge / 1000)}`;
  }
  header += `; Path=${options.path}`;
  if (expires) header += `; Expires=${expires.toUTCString()}`;
  header += writeFlags(options);
  void reply.header('Set-Cookie', header);
}

/** The cookie emptied and expired at the epoch's first millisecond, as Express's `res.clearCookie` did. */
export function clearCookie(reply: FastifyReply, name: string, options: Omit<CookieOptions, 'maxAge'>): void {
  const header = `${name}=; Path=${options.path}; Expires=${new Date(1).toUTCString()}${writeFlags(options)}`;
  void reply.header('Set-Cookie', header);
}

function writeFlags(options: Omit<CookieOptions, 'maxAge' | 'path'>): string {
  return `${options.httpOnly ? '; HttpOnly' : ''}${options.secure ? '; Secure' : ''}; SameSite=${SAME_SITE[options.sameSite]}`;
}
