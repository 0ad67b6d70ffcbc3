import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { SessionService } from '../auth/session.service';
import { AccountStatusDto, toAccountStatusDto } from './dto/account-status.dto';
import { UserRepository } from './user.repository';
import { refusal } from '../common/errors/refusal';

const DEACTIVATED_REASON = 'deactivated';

/**
 * The workspace admin deactivates and reactivates accounts. Nothing is deleted: messages, positions and the
 * audit trail keep their author. Deactivation ends every session (a service account's too, which ends its API
 * token for good) and disconnects all the account's sockets on every node.
 */
@Injectable()
export class AccountStatusService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
  ) {}

  async deactivate(admin: AuthUser, userId: string): Promise<AccountStatusDto> {
    this.requireAdmin(admin);
    // The workspace would otherwise lock out its only way back in.
    if (userId === admin.id) {
      throw new ConflictException(refusal('cannot-deactivate-self'));
    }
    const deactivatedAt = await this.db.transaction(async (tx) => {
      const at = await this.users.setDeactivated(tx, userId, true);
      if (at === undefined) throw new NotFoundException(refusal('user-not-found'));
      await this.sessions.revokeAllIn(tx, userId, DEACTIVATED_REASON);
      return at;
    });
    // After commit: every socket of the account, whatever its session, on every node.
    this.sessions.announce(userId, null, DEACTIVATED_REASON);
    return toAccountStatusDto(userId, deactivatedAt);
  }

  /** The account may sign in again; its old sessions stay ended. */
  async reactivate(admin: AuthUser, userId: string): Promise<AccountStatusDto> {
    this.requireAdmin(admin);
    const at = await this.db.transaction((tx) => this.users.setDeactivated(tx, userId, false));
    if (at === undefined) throw new NotFoundException(refusal('user-not-found'));
    return toAccountStatusDto(userId, null);
  }

  private requireAdmin(user: AuthUser): void {
    if (!user.isAdmin || user.apiToken) {
      throw new ForbiddenException(refusal('workspace-admin-only'));
    }
  }
}
