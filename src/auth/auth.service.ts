import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isForeignKeyViolation, isUniqueViolation } from '../database/postgres-errors';
import { ValidationFailed } from '../common/validation.pipe';
import { toUserDto } from '../users/dto/user.dto';
import { User } from '../users/entities/user.entity';
import { AuthUser } from './auth-user';
import { AuthResponseDto, TokensDto } from './dto/auth-response.dto';
import { RegisterDto } from './dto/register.dto';
import { RefreshToken } from './entities/refresh-token.entity';
import { hashPassword, verifyPassword } from './password';
import { requireStrongPassword } from './password-strength';
import { SessionService } from './session.service';
import { hashRefreshToken, TokenService } from './token.service';

// Serializes registrations just long enough that exactly one first user becomes the admin.
const FIRST_USER_LOCK = 7_301_001;

interface RefreshRow {
  id: string;
  session_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {}

  async register(dto: RegisterDto): Promise<AuthResponseDto> {
    requireStrongPassword(dto.password, [dto.displayName, dto.email]);
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_USER_LOCK]);
        const [{ count }] = await tx.query('SELECT count(*)::int AS count FROM users');
        const user = await tx.getRepository(User).save({
          email: dto.email,
          displayName: dto.displayName,
          // Emails are not verified: nobody may name themselves into an organization. The admin grants it.
          organizationId: null,
          requestedOrganizationId: dto.requestedOrganizationId ?? null,
          locale: dto.locale ?? 'en',
          passwordHash,
          isAdmin: Number(count) === 0,
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
    const user = await this.db.getRepository(User).findOne({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, passwordHash: true },
    });
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
      const rows: RefreshRow[] = await tx.query(
        `SELECT rt.id, rt.session_id, s.user_id, rt.expires_at, rt.used_at, s.revoked_at
           FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id
          WHERE rt.token_hash = $1
          FOR UPDATE OF rt`,
        [hashRefreshToken(token)],
      );
      const row = rows[0];
      if (!row || row.revoked_at) return { kind: 'invalid' as const };
      if (row.used_at) {
        await this.sessions.revokeIn(tx, row.session_id, 'refresh-reuse');
        return { kind: 'reused' as const, userId: row.user_id, sessionId: row.session_id };
      }
      if (new Date(row.expires_at).getTime() <= Date.now()) return { kind: 'invalid' as const };
      await tx.getRepository(RefreshToken).update({ id: row.id }, { usedAt: new Date() });
      return { kind: 'rotated' as const, tokens: await this.issue(tx, row.user_id, row.session_id) };
    });
    if (outcome.kind === 'rotated') return outcome.tokens;
    if (outcome.kind === 'reused') this.sessions.announce(outcome.userId, outcome.sessionId, 'refresh-reuse');
    throw new UnauthorizedException('The refresh token is invalid, expired or revoked');
  }

  logout(user: AuthUser): Promise<void> {
    return this.sessions.revoke(user.id, user.sessionId, 'logout');
  }

  private async signIn(tx: EntityManager, userId: string): Promise<AuthResponseDto> {
    const session = await this.sessions.start(tx, userId);
    const tokens = await this.issue(tx, userId, session.id);
    const user = await tx
      .getRepository(User)
      .findOneOrFail({ where: { id: userId }, relations: { organization: true, requestedOrganization: true } });
    return { user: toUserDto(user), ...tokens };
  }

  private async issue(tx: EntityManager, userId: string, sessionId: string): Promise<TokensDto> {
    const refresh = this.tokens.newRefreshToken();
    await tx.getRepository(RefreshToken).insert({ sessionId, tokenHash: refresh.hash, expiresAt: refresh.expiresAt });
    return {
      accessToken: this.tokens.signAccess({ sub: userId, sid: sessionId }),
      refreshToken: refresh.token,
      expiresIn: this.tokens.accessTtlSeconds,
    };
  }
}
