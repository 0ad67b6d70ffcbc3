import type { Socket } from 'socket.io';
import { ApiTokenAuthenticator } from '../auth/api-token-authenticator';
import { isApiToken } from '../auth/api-token-secret';
import { AuthUser } from '../auth/auth-user';
import { SessionService } from '../auth/session.service';
import { TokenService } from '../auth/token.service';
import { STATUS_CODES } from 'node:http';
import { inLocale } from '../common/all-exceptions.filter';
import type { ErrorResponse } from '../common/error-response';
import type { ErrorLocale, ErrorParams } from '../common/errors/error-text';
import { refusal } from '../common/errors/refusal';
import type { ErrorCode } from '../common/errors/texts/en';
import { acceptedLocale } from '../common/request-locale';

/** A refused handshake's `data` (and `message`): the API's error shape, said in the socket's language before it goes. */
abstract class HandshakeError extends Error {
  data: ErrorResponse;
  constructor(statusCode: number, code: ErrorCode, params?: ErrorParams) {
    const body = refusal(code, params);
    super(body.message);
    this.data = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', ...body };
  }

  /** Says the refusal in the socket's language (Socket.IO sends `message` and `data` to the client). */
  localize(locale: ErrorLocale): this {
    this.data = inLocale(this.data, locale);
    this.message = this.data.message;
    return this;
  }
}

/** The handshake's answer when the database (or anything else) failed: no internal text reaches the client. */
export class SocketUnavailableError extends HandshakeError {
  constructor() {
    super(503, 'service-unavailable');
  }
}

/** Why a handshake was refused, as the client sees it in `connect_error` (`err.message`, `err.data.code`). */
export class SocketAuthError extends HandshakeError {
  constructor(code: ErrorCode) {
    super(401, code);
  }
}

/** The workspace requires a second factor of the account and it has none: no live updates until it enrols. */
export class SocketTwoFactorRequiredError extends HandshakeError {
  constructor() {
    super(403, 'two-factor-required');
  }
}

/** A handshake over the per-user socket cap: `connect_error` with status 429 and a message saying why. */
export class SocketLimitError extends HandshakeError {
  constructor(max: number) {
    super(429, 'too-many-sockets', { max });
  }
}

/**
 * The language a socket's answers are said in: what the client asks for in `auth.locale` (the web client sends the
 * language it shows; a browser's own Accept-Language on the handshake may differ), else the user's setting, else the
 * handshake's Accept-Language, else English.
 */
export function socketLocale(socket: Pick<Socket, 'handshake'> & { data?: { user?: AuthUser } }): ErrorLocale {
  const asked: unknown = socket.handshake.auth?.locale;
  return (
    (typeof asked === 'string' ? acceptedLocale(asked) : null) ??
    socket.data?.user?.locale ??
    acceptedLocale(socket.handshake.headers['accept-language']) ??
    'en'
  );
}

/**
 * The handshake's authentication, on the same path as HTTP: the token from `auth.token` (never the query string),
 * verified with the same options, resolved to a live session. Runs again on every reconnection.
 */
export async function authenticateSocket(socket: Socket, verifiers: SocketVerifiers): Promise<SocketAuthentication> {
  const token: unknown = socket.handshake.auth?.token;
  if (typeof token !== 'string' || token.length === 0) throw new SocketAuthError('socket-token-missing');
  return authenticateToken(token, verifiers);
}

/** What checks a token: JWTs against their live session, API tokens against their live row. */
export interface SocketVerifiers {
  tokens: TokenService;
  sessions: SessionService;
  apiTokens: ApiTokenAuthenticator;
}

export interface SocketAuthentication {
  user: AuthUser;
  /**
   * When the token's authority ends (epoch ms); the socket must present a newer token before then (+ grace).
   * Infinite for an API token, which lasts until revoked (revocation disconnects its sockets).
   */
  expiresAt: number;
}

/**
 * One token, verified with the same options as HTTP and resolved to a live session: the handshake's, and every
 * `auth.refresh` on an open socket.
 */
export async function authenticateToken(
  token: string,
  { tokens, sessions, apiTokens }: SocketVerifiers,
): Promise<SocketAuthentication> {
  if (isApiToken(token)) {
    const user = await apiTokens.resolve(token);
    if (!user) throw new SocketAuthError('socket-api-token-invalid');
    return { user, expiresAt: Number.POSITIVE_INFINITY };
  }
  let claims;
  try {
    claims = tokens.verifyAccess(token);
  } catch {
    throw new SocketAuthError('socket-token-invalid');
  }
  // A database failure here is not the client's fault: it propagates, and the handshake says "unavailable".
  const user = await sessions.resolve(claims);
  if (!user) throw new SocketAuthError('socket-session-ended');
  if (user.twoFactorMissing) throw new SocketTwoFactorRequiredError();
  return { user, expiresAt: (claims.exp ?? 0) * 1000 };
}
