import type { Socket } from 'socket.io';
import { ApiTokenAuthenticator } from '../auth/api-token-authenticator';
import { isApiToken } from '../auth/api-token-secret';
import { AuthUser } from '../auth/auth-user';
import { SessionService } from '../auth/session.service';
import { TokenService } from '../auth/token.service';

/** The handshake's answer when the database (or anything else) failed: no internal text reaches the client. */
export class SocketUnavailableError extends Error {
  readonly data = {
    statusCode: 503,
    error: 'Service Unavailable',
    message: 'The server is unavailable; try again shortly',
  };
  constructor() {
    super('Service unavailable: try again shortly');
  }
}

/** Why a handshake was refused, as the client sees it in `connect_error` (`err.message`). */
export class SocketAuthError extends Error {
  readonly data: { statusCode: number; error: string; message: string };
  constructor(message: string) {
    super(message);
    this.data = { statusCode: 401, error: 'Unauthorized', message };
  }
}

/** The workspace requires a second factor of the account and it has none: no live updates until it enrols. */
export class SocketTwoFactorRequiredError extends Error {
  readonly data: { statusCode: number; error: string; message: string; code: string };
  constructor() {
    const message = 'Two-factor authentication is required for your role: set it up under Security';
    super(message);
    this.data = { statusCode: 403, error: 'Forbidden', message, code: 'two-factor-required' };
  }
}

/** A handshake over the per-user socket cap: `connect_error` with status 429 and a message saying why. */
export class SocketLimitError extends Error {
  readonly data: { statusCode: number; error: string; message: string; code: string };
  constructor(max: number) {
    const message = `Too many connections: at most ${max} open sockets per user; close another tab or device`;
    super(message);
    this.data = { statusCode: 429, error: 'Too Many Requests', message, code: 'too-many-sockets' };
  }
}

/**
 * The handshake's authentication, on the same path as HTTP: the token from `auth.token` (never the query string),
 * verified with the same options, resolved to a live session. Runs again on every reconnection.
 */
export async function authenticateSocket(socket: Socket, verifiers: SocketVerifiers): Promise<SocketAuthentication> {
  const token: unknown = socket.handshake.auth?.token;
  if (typeof token !== 'string' || token.length === 0)
    throw new SocketAuthError('Authentication failed: no token in auth.token');
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
    if (!user) throw new SocketAuthError('Authentication failed: the API token is invalid or revoked');
    return { user, expiresAt: Number.POSITIVE_INFINITY };
  }
  let claims;
  try {
    claims = tokens.verifyAccess(token);
  } catch {
    throw new SocketAuthError('Authentication failed: the token is invalid or expired');
  }
  // A database failure here is not the client's fault: it propagates, and the handshake says "unavailable".
  const user = await sessions.resolve(claims);
  if (!user) throw new SocketAuthError('Authentication failed: the session has ended');
  if (user.twoFactorMissing) throw new SocketTwoFactorRequiredError();
  return { user, expiresAt: (claims.exp ?? 0) * 1000 };
}
