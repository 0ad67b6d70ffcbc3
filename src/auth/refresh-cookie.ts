import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAllowedOrigin } from '../common/origin';
import { clearCookie, setCookie } from '../common/set-cookie';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { TokensDto } from './dto/auth-response.dto';
import { refusal } from '../common/errors/refusal';

/** The refresh token's cookie: HttpOnly (no script reads it), SameSite=Strict, sent only to the auth routes. */
export const REFRESH_COOKIE = 'tansiq_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';

/**
 * Where a refresh token travels. Browsers get it only as an HttpOnly cookie, so a script in the page (an XSS) can
 * never read the 30-day credential; the access token lives in the page's memory only. Clients that are not
 * browsers (no `Origin` header: every browser sends one on a POST, and a page's script cannot remove it) get it in
 * the body as well, and may send it back in the body.
 */
@Injectable()
export class RefreshCookie {
  private readonly allowed: ReadonlySet<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.allowed = new Set(config.corsOrigins);
  }

  /** Sets the cookie and answers the body: without the refresh token for browsers. */
  deliver<T extends TokensDto>(req: FastifyRequest, res: FastifyReply, answer: T): T {
    setCookie(res, REFRESH_COOKIE, String(answer.refreshToken), {
      httpOnly: true,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
      secure: this.secure(req),
      maxAge: this.config.jwt.refreshTtlSeconds * 1000,
    });
    if (!isBrowser(req)) return answer;
    const { refreshToken: _kept, ...body } = answer;
    return body as T;
  }

  clear(req: FastifyRequest, res: FastifyReply): void {
    clearCookie(res, REFRESH_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
      secure: this.secure(req),
    });
  }

  /**
   * The token a refresh presents: the body's, or the cookie's. A request from a page of another origin is refused
   * (SameSite=Strict already keeps the cookie from cross-site requests; this holds for every browser and for the
   * body token too), and the cookie is accepted only with an Origin the app serves: browsers always send one.
   */
  tokenOf(req: FastifyRequest, bodyToken: string | undefined): { token: string; fromCookie: boolean } {
    const origin = req.headers.origin;
    if (
      origin !== undefined &&
      !isAllowedOrigin(origin, { host: req.headers.host, secure: isHttps(req) }, this.allowed)
    ) {
      throw new ForbiddenException(refusal('refresh-cross-site'));
    }
    if (bodyToken !== undefined) return { token: bodyToken, fromCookie: false };
    const token = readCookie(req.headers.cookie, REFRESH_COOKIE);
    if (!token) throw new UnauthorizedException(refusal('refresh-token-invalid'));
    if (origin === undefined) throw new ForbiddenException(refusal('refresh-origin-required'));
    return { token, fromCookie: true };
  }

  /** The Secure flag of Tansiq's cookies (this one, and single sign-on's) for this request. */
  secure(req: FastifyRequest): boolean {
    const setting = this.config.refreshCookieSecure;
    return setting === 'auto' ? isHttps(req) : setting;
  }
}

/** HTTPS as this server sees it: its own TLS, or a trusted proxy's X-Forwarded-Proto (TRUST_PROXY). */
export function isHttps(req: FastifyRequest): boolean {
  return req.protocol === 'https';
}

function isBrowser(req: FastifyRequest): boolean {
  return req.headers.origin !== undefined;
}

/** One cookie's value from a Cookie header; ours is base64url, so it needs no decoding. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}
