import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { ALLOWED_BEFORE_TWO_FACTOR } from './allowed-before-two-factor.decorator';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiTokenAuthenticator } from './api-token-authenticator';
import { API_TOKEN_PREFIX } from './api-token-secret';
import { AuthUser } from './auth-user';
import { IS_PUBLIC } from './public.decorator';
import { TwoFactorRequired } from './two-factor-required.error';
import { refusal } from '../common/errors/refusal';

const API_TOKEN_BEARER = `bearer ${API_TOKEN_PREFIX}`;

/**
 * Global guard: every route needs a valid access token unless marked @Public(). An API token (`Bearer tsq_…`) is
 * resolved to its service account here and then meets the same access rules as anyone.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiTokens: ApiTokenAuthenticator,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    // Sockets are authenticated once, at the handshake (socket-auth.ts); each event is then authorized by the service.
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers.authorization;
    if (header?.toLowerCase().startsWith(API_TOKEN_BEARER)) return this.withApiToken(request, header.slice(7).trim());
    return super.canActivate(context);
  }

  private async withApiToken(request: { user?: AuthUser }, token: string): Promise<boolean> {
    const user = await this.apiTokens.resolve(token);
    if (!user) throw new UnauthorizedException(refusal('access-token-required'));
    request.user = user;
    return true;
  }

  /** An error here is not a bad token (passport-jwt reports those as no user) but a failed session lookup: 503. */
  override handleRequest<T>(error: unknown, user: T | false, _info?: unknown, context?: ExecutionContext): T {
    if (error) throw error;
    if (!user) throw new UnauthorizedException(refusal('access-token-required'));
    if ((user as unknown as AuthUser).twoFactorMissing && context && !this.allowedBeforeTwoFactor(context)) {
      throw new TwoFactorRequired();
    }
    return user;
  }

  private allowedBeforeTwoFactor(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_TWO_FACTOR, [
        context.getHandler(),
        context.getClass(),
      ]) ?? false
    );
  }
}
