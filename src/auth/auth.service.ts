import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DataSource, EntityManager } from 'typeorm';
import { isForeignKeyViolation, isUniqueViolation } from '../database/postgres-errors';
import { ValidationFailed } from '../common/validation.pipe';
import { toUserDto } from '../users/dto/user.dto';
import { UserRepository } from '../users/user.repository';
import { AuthUser } from './auth-user';
import { AuthResponseDto, TokensDto } from './dto/auth-response.dto';
import { RegisterDto } from './dto/register.dto';
import { hashPassword, verifyPassword } from './password';
import { requireStrongPassword } from './password-strength';
import { registrationRefusal, RegistrationRefused } from './registration-policy';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { hashRefreshToken, TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly users: UserRepository,
    private readonly sessionRepository: SessionRepository,
  ) {}

  async register(dto: RegisterDto): Promise<AuthResponseDto> {
    const refusal = await registrationRefusal(this.config.registration, dto.email, () =>
      this.users.hasPendingInvitation(dto.email),
    );
    if (refusal) throw new RegistrationRefused(refusal);
    return this.createAccount(dto);
  }

  /** An ordinary account, signed in; the registration policy is the caller's (the demo seed has none). */
  async createAccount(dto: RegisterDto): Promise<AuthResponseDto> {
    requireStrongPassword(dto.password, [dto.displayName, dto.email]);
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.db.transaction(async (tx) => {
        const user = await this.users.insert(tx, {
          email: dto.email,
          displayName: dto.displayName,
          // Emails are not verified: nobody may name themselves into an organization. The admin grants it.
          organizationId: null,
          requestedOrganizationId: dto.requestedOrganizationId ?? null,
          locale: dto.locale ?? 'en',
          passwordHash,
          // Nobody becomes admin by registering: the first admin comes from the setup link or the CLI.
          isAdmin: false,
          emailVerifiedAt: null,
        });
        return this.signIn(tx, user.id);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('An account with this email exists');
      if (isForeignKeyViolation(error)) {
        throw new ValidationFailed([{ field: 'requestedOrganizationId', message: 'is not an organization' }]);
      }
      throw error;
    }
  }

  /** For passport-local. The same answer, and about the same time, whichever half was wrong. */
  async checkCredentials(email: string, password: string): Promise<string | null> {
    const user = await this.users.credentialsByEmail(email.trim().toLowerCase());
    return (await verifyPassword(user?.passwordHash, password)) ? user!.id : null;
  }

  login(userId: string): Promise<AuthResponseDto> {
    return this.db.transaction((tx) => this.signIn(tx, userId));
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated means it was copied:
   * the whole session (every token descended from the same login) is revoked.
   */
  async refresh(token: string): Promise<TokensDto> {
    const outcome = await this.db.transaction(async (tx) => {
      const row = await this.sessionRepository.lockRefreshToken(tx, hashRefreshToken(token));
      if (!row || row.revokedAt) return { kind: 'invalid' as const };
      if (row.usedAt) {
        await this.sessions.revokeIn(tx, row.sessionId, 'refresh-reuse');
        return { kind: 'reused' as const, userId: row.userId, sessionId: row.sessionId };
      }
      if (new Date(row.expiresAt).getTime() <= Date.now()) return { kind: 'invalid' as const };
      await this.sessionRepository.markRefreshTokenUsed(tx, row.id);
      return { kind: 'rotated' as const, tokens: await this.issue(tx, row.userId, row.sessionId) };
    });
    if (outcome.kind === 'rotated') return outcome.tokens;
    if (outcome.kind === 'reused') this.sessions.announce(outcome.userId, outcome.sessionId, 'refresh-reuse');
    throw new UnauthorizedException('The refresh token is invalid, expired or revoked');
  }

  logout(user: AuthUser): Promise<void> {
    return this.sessions.revoke(user.id, user.sessionId, 'logout');
  }

  /**
   * Starts a session inside the caller's transaction: every way in ends here (a password, a registration, an
   * identity provider), so each gets the same session, refresh token family and answer.
   */
  async signIn(tx: EntityManager, userId: string): Promise<AuthResponseDto> {
    const session = await this.sessions.start(tx, userId);
    const tokens = await this.issue(tx, userId, session.id);
    const user = await this.users.withOrganizations(userId, tx);
    if (!user) throw new Error(`The user ${userId} who just signed in does not exist`);
    return { user: toUserDto(user), ...tokens };
  }

  private async issue(tx: EntityManager, userId: string, sessionId: string): Promise<TokensDto> {
    const refresh = this.tokens.newRefreshToken();
    await this.sessionRepository.insertRefreshToken(tx, {
      sessionId,
      tokenHash: refresh.hash,
      expiresAt: refresh.expiresAt,
    });
    return {
      accessToken: this.tokens.signAccess({ sub: userId, sid: sessionId }),
      refreshToken: refresh.token,
      expiresIn: this.tokens.accessTtlSeconds,
    };
  }
}
