import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessClaims, AuthUser } from './auth-user';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

/** Bearer tokens only: never from a query string, where proxies and logs would keep them. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    tokens: TokenService,
    private readonly sessions: SessionService,
  ) {
    const options = tokens.verifyOptions();
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: options.secret,
      algorithms: options.algorithms,
      issuer: options.issuer,
      audience: options.audience,
      ignoreExpiration: false,
    });
  }

  async validate(payload: { sub?: unknown; sid?: unknown }): Promise<AuthUser | false> {
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return false;
    return (await this.sessions.resolve({ sub: payload.sub, sid: payload.sid } satisfies AccessClaims)) ?? false;
  }
}
