import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { TwoFactorRequirementDto } from './dto/two-factor-requirement.dto';
import { TwoFactorRepository } from './two-factor.repository';
import { refusal } from '../common/errors/refusal';

/**
 * The workspace admin's rule of who must use a second factor. It counts at each account's next request (the
 * session lookup reads it): those it names who have none may still sign in, read themselves, enrol, list and end
 * their sessions and sign out; everything else answers 403 `two-factor-required` until they enrol.
 */
@Injectable()
export class TwoFactorRequirementService {
  constructor(
    private readonly db: DataSource,
    private readonly repository: TwoFactorRepository,
  ) {}

  async get(admin: AuthUser): Promise<TwoFactorRequirementDto> {
    requireAdmin(admin);
    return { requireFor: await this.repository.audiences() };
  }

  async set(admin: AuthUser, dto: TwoFactorRequirementDto): Promise<TwoFactorRequirementDto> {
    requireAdmin(admin);
    const requireFor = await this.db.transaction(async (tx) => {
      await this.repository.replaceAudiences(tx, [...new Set(dto.requireFor)], admin.id);
      return this.repository.audiences(tx);
    });
    return { requireFor };
  }
}

function requireAdmin(user: AuthUser): void {
  if (!user.isAdmin || user.apiToken) {
    throw new ForbiddenException(refusal('workspace-admin-only'));
  }
}
