import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DataSource, EntityManager } from 'typeorm';
import { isForeignKeyViolation, isUniqueViolation } from '../database/postgres-errors';
import { ValidationFailed } from '../common/validation.pipe';
import { toUserDto } from '../users/dto/user.dto';
import { NewUser, UserRepository } from '../users/user.repository';
import { EmailVerificationService } from './email-verification.service';
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
import { fieldError, refusal } from '../common/errors/refusal';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly users: UserRepository,
    private readonly sessionRepository: SessionRepository,
    private readonly verification: EmailVerificationService,
    private readonly challenges: LoginChallengeService,
  ) {}

  /**
   * Registration answers the same whether or not the address has an account, and takes about the same time: a new
   * account is made unconfirmed and its address sent a confirmation link; an existing one is sent an email saying
   * someone tried to register with it. Only what reading that mailbox proves decides what happens next.
   */
  async register(dto: RegisterDto): Promise<void> {
    const refusal = await registrationRefusal(this.config.registration, dto.email, () =>
      this.users.hasPendingInvitation(dto.email),
    );
    if (refusal) throw new RegistrationRefused(refusal);
    requireStrongPassword(dto.password, [dto.displayName, dto.email]);
    const passwordHash = await hashPassword(dto.password);
    try {
      await this.db.transaction(async (tx) => {
        if (dto.requestedOrganizationId && !(await this.users.organizationExists(tx, dto.requestedOrganizationId))) {
          throw new ValidationFailed([fieldError('requestedOrganizationId', 'not-an-organization')]);
        }
        const existing = await this.users.byEmail(tx, dto.email);
        if (existing) {
          if (existing.kind === 'person') await this.verification.sendAccountExists(tx, existing.id);
          return;
        }
        const user = await this.users.insert(tx, this.newAccount(dto, passwordHash, null));
        await this.verification.sendLink(tx, user.id);
      });
    } catch (error) {
      // Registered at the same moment by someone else: that account was just sent its own link.
      if (isUniqueViolation(error)) return;
      throw error;
    }
  }

  /** An ordinary account, confirmed and signed in: the demo seed's, whose made-up addresses it vouches for. */
  async createAccount(dto: RegisterDto, client: ClientInfo = NO_CLIENT): Promise<AuthResponseDto> {
    requireStrongPassword(dto.password, [dto.displayName, dto.email]);
    return this.createAccountWithHash(dto, await hashPassword(dto.password), client);
  }

  /**
   * createAccount with the password already checked and hashed: the test factories make thousands of accounts with
   * one password, and the hash and strength check (about 50 ms of CPU each) are what they would otherwise spend.
   */
  async createAccountWithHash(
    dto: Omit<RegisterDto, 'password'>,
    passwordHash: string,
    client: ClientInfo = NO_CLIENT,
  ): Promise<AuthResponseDto> {
    try {
      return await this.db.transaction(async (tx) => {
        const user = await this.users.insert(tx, this.newAccount(dto, passwordHash, new Date()));
        return this.signIn(tx, user.id, client);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(refusal('email-taken'));
      if (isForeignKeyViolation(error)) {
        throw new ValidationFailed([fieldError('requestedOrganizationId', 'not-an-organization')]);
      }
      throw error;
    }
  }

  /**
   * For passport-local. The same answer, and about the same time, whichever half was wrong, and for an account whose
   * address is not confirmed yet: otherwise registering an address and signing in with the password just chosen
   * would tell whether the address already had an account. A deactivated account is named as such only to whoever
   * gave its right password.
   */
  async checkCredentials(email: string, password: string): Promise<string | null> {
    const user = await this.users.credentialsByEmail(email.trim().toLowerCase());
    if (!(await verifyPassword(user?.passwordHash, password))) return null;
    if (!user!.emailVerifiedAt) return null;
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
    throw new UnauthorizedException(refusal('refresh-token-invalid'));
  }

  logout(user: AuthUser): Promise<void> {
    return this.sessions.revoke(user.id, user.sessionId, 'logout');
  }

  private newAccount(dto: Omit<RegisterDto, 'password'>, passwordHash: string, emailVerifiedAt: Date | null): NewUser {
    return {
      email: dto.email,
      displayName: dto.displayName,
      // Nobody names themselves into an organization: a verified domain, an organization admin or the workspace
      // admin grants it.
      organizationId: null,
      requestedOrganizationId: dto.requestedOrganizationId ?? null,
      locale: dto.locale ?? 'en',
      passwordHash,
      // Nobody becomes admin by registering: the first admin comes from the setup link or the CLI.
      isAdmin: false,
      emailVerifiedAt,
    };
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
