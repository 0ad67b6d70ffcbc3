import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AccessClaims } from './auth-user';

/** HS256 only: a token naming any other algorithm (none, RS256 confusion) fails verification. */
export const JWT_ALGORITHM = 'HS256' as const;

@Injectable()
export class TokenService {
  /**
   * The secret as a KeyObject, made once. Handed the string, jsonwebtoken first tries to parse it as a public key on
   * every sign and verify (and fails): ~0.5 ms of CPU per request and per socket handshake, against ~12 µs.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret));
  }

  get accessTtlSeconds(): number {
    return this.config.jwt.accessTtlSeconds;
  }

  signAccess(claims: AccessClaims): string {
    return this.jwt.sign(
      { sid: claims.sid },
      {
        subject: claims.sub,
        algorithm: JWT_ALGORITHM,
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
        expiresIn: this.config.jwt.accessTtlSeconds,
        privateKey: this.key,
      },
    );
  }

  /** The one verification of an access token, for HTTP (through passport-jwt) and the socket handshake alike. */
  verifyAccess(token: string): AccessClaims {
    const payload = this.jwt.verify<{ sub?: unknown; sid?: unknown; exp?: unknown }>(token, this.verifyOptions());
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('token lacks sub or sid');
    if (typeof payload.exp !== 'number') throw new Error('token lacks exp');
    return { sub: payload.sub, sid: payload.sid, exp: payload.exp };
  }

  verifyOptions() {
    return {
      // jsonwebtoken takes a KeyObject wherever a secret goes; the wrappers' types (@nestjs/jwt, passport-jwt) only
      // name string and Buffer.
      secret: this.key as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      ignoreExpiration: false,
    };
  }

  /** A refresh token is 256 random bits; the server keeps only its hash. */
  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: hashRefreshToken(token),
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
    };
  }
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
