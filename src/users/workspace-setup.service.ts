import { ConflictException, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { requireStrongPassword } from '../auth/password-strength';
import { hashRefreshToken as sha256 } from '../auth/token.service';
import { ValidationFailed } from '../common/validation.pipe';
import { isUniqueViolation } from '../database/postgres-errors';
import { toUserDto, UserDto } from './dto/user.dto';
import { Locale } from './entities/user.entity';
import { UserRepository } from './user.repository';
import { WorkspaceSetupRepository } from './workspace-setup.repository';
import { fieldError, refusal } from '../common/errors/refusal';

/** A setup link works for a day: time to open it after installing, not a standing back door. */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export interface NewAdmin {
  email: string;
  displayName: string;
  password: string;
  locale?: Locale;
}

/**
 * How a workspace gets its first admin. Registering never makes one: the server prints a one-time setup link at
 * start while there is no admin, and whoever holds it (the operator, who sees the console) creates the admin. The
 * `create-admin` CLI does the same for someone with shell access, without the link.
 */
@Injectable()
export class WorkspaceSetupService {
  constructor(
    private readonly db: DataSource,
    private readonly setup: WorkspaceSetupRepository,
    private readonly users: UserRepository,
  ) {}

  /** A new setup token while there is no admin (replacing the last one), or null once there is. */
  async issueIfNoAdmin(): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      await this.setup.lockAdminCreation(tx);
      if (await this.setup.adminExists(tx)) return null;
      const token = randomBytes(32).toString('base64url');
      await this.setup.replaceToken(tx, sha256(token), new Date(Date.now() + SETUP_TOKEN_TTL_MS));
      return token;
    });
  }

  /** POST /api/setup: the link's token, once, and only while there is no admin. */
  async createFirstAdmin(token: string, admin: NewAdmin): Promise<UserDto> {
    requireStrongPassword(admin.password, [admin.displayName, admin.email]);
    const passwordHash = await hashPassword(admin.password);
    return this.create(admin, passwordHash, async (tx) => {
      const row = await this.setup.lockUsable(tx, sha256(token));
      // Used, replaced, expired or never issued: one answer, and nothing tells which.
      if (!row || (await this.setup.adminExists(tx))) {
        throw new ValidationFailed([fieldError('token', 'token-invalid')]);
      }
      await this.setup.markUsed(tx, row.id);
    });
  }

  /** The CLI's: no token, since shell access to the server is already more than an admin has. */
  async createAdmin(admin: NewAdmin): Promise<UserDto> {
    requireStrongPassword(admin.password, [admin.displayName, admin.email]);
    return this.create(admin, await hashPassword(admin.password), () => Promise.resolve());
  }

  private async create(
    admin: NewAdmin,
    passwordHash: string,
    check: (tx: EntityManager) => Promise<void>,
  ): Promise<UserDto> {
    try {
      const id = await this.db.transaction(async (tx) => {
        await this.setup.lockAdminCreation(tx);
        await check(tx);
        const user = await this.users.insert(tx, {
          email: admin.email,
          displayName: admin.displayName,
          organizationId: null,
          requestedOrganizationId: null,
          locale: admin.locale ?? 'en',
          passwordHash,
          isAdmin: true,
          // Whoever runs the server vouches for the first admin's address: it is how they will be reached.
          emailVerifiedAt: new Date(),
        });
        return user.id;
      });
      return toUserDto((await this.users.withOrganizations(id))!);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(refusal('email-taken'));
      throw error;
    }
  }
}
