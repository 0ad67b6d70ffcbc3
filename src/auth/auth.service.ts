import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DataSource, EntityManager } from 'typeorm';
import { isForeignKeyViolation, isUniqueViolation } from '../database/postgres-errors';
import { ValidationFailed } from '../common/validation.pipe';
import { toUserDto } from '../users/dto/user.dto';
import { UserRepository } from '../users/user.repository';
import { AuthUser } from './auth-user';
import { AccountDeactivated } from './account-deactivated.error';
import { ClientInfo, NO_CLIENT } from './client-info';
import { AuthResponseDto, LoginAnswerDto, TokensDto } from './dto/auth-response.dto';
import { LOGIN_CHALLENGE_TTL_SECONDS, LoginChallengeService } from './login-challenge.service';
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
    private readonly challenges: LoginChallengeService,
  ) {}

  async register(dto: RegisterDto, client: ClientInfo): Promise<AuthResponseDto> {
    const refusal = await registrationRefusal(this.config.registration, dto.email, () =>
      this.users.hasPendingInvitation(dto.email),
    );
    if (refusal) throw new RegistrationRefused(refusal);
    return this.createAccount(dto, client);
  }

  /** An ordinary account, signed in; the registration policy is the caller's (the demo seed has none). */
  async createAccount(dto: RegisterDto, client: ClientInfo = NO_CLIENT): Promise<AuthResponseDto> {
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
        });
        return this.signIn(tx, user.id, client);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('An account with this email exists');
      if (isForeignKeyViolation(error)) {
        throw new ValidationFailed([{ field: 'requestedOrganizationId', message: 'is not an organization' }]);
      }
      throw error;
    }
  }

  /**
   * For passport-local. The same answer, and about the same time, whichever half was wrong. A deactivated account
   * is named as such only to whoever gave its right password.
   */
  async checkCredentials(email: string, password: string): Promise<string | null> {
    const user = await this.users.credentialsByEmail(email.trim().toLowerCase());
    if (!(await verifyPassword(user?.passwordHash, password))) return null;
    if (user!.deactivatedAt) throw new AccountDeactivated();
    return user!.id;
  }

  /** The password was right: tokens, or (with a second factor) a challenge for the code and no tokens yet. */
  login(userId: string, client: ClientInfo): Promise<LoginAnswerDto> {
    return this.db.transaction(async (tx) => {
      const state = await this.users.signInState(userId, tx);
      if (state?.deactivated) throw new AccountDeactivated();
      if (!state?.twoFactorEnabled) return this.signIn(tx, userId, client);
      const challenge = await this.challenges.issue(tx, userId);
      return { twoFactorRequired: true as const, challenge, expiresIn: LOGIN_CHALLENGE_TTL_SECONDS };
    });
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated means it was copied:
   * the whole session (every token descended from the same login) is revoked.
   */
  async refresh(token: string, client: ClientInfo = NO_CLIENT): Promise<TokensDto> {
    const outcome = await this.db.transaction(async (tx) => {
      const row = await this.sessionRepository.lockRefreshToken(tx, hashRefreshToken(token));
      if (!row || row.revokedAt) return { kind: 'invalid' as const };
      if (row.usedAt) {
        await this.sessions.revokeIn(tx, row.sessionId, 'refresh-reuse');
        return { kind: 'reused' as const, userId: row.userId, sessionId: row.sessionId };
      }
      if (new Date(row.expiresAt).getTime() <= Date.now()) return { kind: 'invalid' as const };
      await this.sessionRepository.markRefreshTokenUsed(tx, row.id);
      await this.sessionRepository.seen(tx, row.sessionId, client.ipAddress);
      return { kind: 'rotated' as const, tokens: await this.issue(tx, row.userId, row.sessionId) };
    });
    if (outcome.kind === 'rotated') return outcome.tokens;
    if (outcome.kind === 'reused') this.sessions.announce(outcome.userId, outcome.sessionId, 'refresh-reuse');
    throw new UnauthorizedException('The refresh token is invalid, expired or revoked');
  }

  logout(user: AuthUser): Promise<void> {
    return this.sessions.revoke(user.id, user.sessionId, 'logout');
  }

  /** Starts a session in the caller's transaction: here after a password, in two-factor/ after a second factor. */
  async signIn(tx: EntityManager, userId: string, client: ClientInfo): Promise<AuthResponseDto> {
    const session = await this.sessions.start(tx, userId, client);
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
