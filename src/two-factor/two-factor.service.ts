import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { renderSVG } from 'uqr';
import { refuseApiToken } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { verifyPassword } from '../auth/password';
import { seal } from '../common/sealed-secret';
import { ValidationFailed } from '../common/validation.pipe';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { UserRepository } from '../users/user.repository';
import { DisableTwoFactorDto, SetupTwoFactorDto, TwoFactorCodeDto } from './dto/two-factor.dto';
import { RecoveryCodesDto, TwoFactorSetupDto, TwoFactorStatusDto } from './dto/two-factor-answers.dto';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { newTotpSecret, totpUri } from './totp';
import { TwoFactorLocked, wrongCodeField } from './two-factor.errors';
import { TwoFactorRepository } from './two-factor.repository';
import { ProofOutcome, requireOneProof, TwoFactorVerifier } from './two-factor-verifier';
import { fieldError, refusal } from '../common/errors/refusal';

/** An account's own authenticator: set up, confirm, replace recovery codes, turn off. */
@Injectable()
export class TwoFactorService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly repository: TwoFactorRepository,
    private readonly verifier: TwoFactorVerifier,
    private readonly users: UserRepository,
  ) {}

  async status(user: AuthUser): Promise<TwoFactorStatusDto> {
    refuseApiToken(user, 'use two-factor authentication');
    const [state, left, required] = await Promise.all([
      this.repository.find(user.id),
      this.repository.recoveryCodesLeft(user.id),
      this.repository.isRequiredOf(user.id),
    ]);
    const enabledAt = state?.enabledAt ? new Date(state.enabledAt).toISOString() : null;
    return {
      enabled: enabledAt !== null,
      enabledAt,
      pending: !!state && !enabledAt,
      recoveryCodesLeft: left,
      required,
    };
  }

  /** A new secret, waiting for its first code; the answer is the only time it leaves the server. */
  async setup(user: AuthUser, dto: SetupTwoFactorDto): Promise<TwoFactorSetupDto> {
    refuseApiToken(user, 'use two-factor authentication');
    await this.requirePassword(user.id, dto.password);
    const secret = newTotpSecret();
    await this.db.transaction(async (tx) => {
      const state = await this.repository.lock(tx, user.id);
      if (state?.enabledAt) throw alreadyEnabled();
      await this.repository.savePending(tx, user.id, seal(this.config.jwt.secret, secret, 'two-factor'));
    });
    const otpauthUri = totpUri(secret, await this.repository.emailOf(user.id));
    const svg = renderSVG(otpauthUri, { ecc: 'M', border: 2 });
    return { secret, otpauthUri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  /** The first right code turns it on, and brings the recovery codes, shown this once. */
  async enable(user: AuthUser, dto: TwoFactorCodeDto): Promise<RecoveryCodesDto> {
    refuseApiToken(user, 'use two-factor authentication');
    const codes = newRecoveryCodes();
    const outcome = await this.db.transaction(async (tx) => {
      const checked = await this.verifier.check(tx, user.id, { code: dto.code }, true);
      if (checked.kind !== 'ok') return checked;
      await this.repository.enable(tx, user.id);
      await this.repository.replaceRecoveryCodes(tx, user.id, codes.map(hashRecoveryCode));
      return checked;
    });
    if (outcome.kind === 'none') {
      const state = await this.repository.find(user.id);
      throw state?.enabledAt ? alreadyEnabled() : new ConflictException(refusal('two-factor-not-set-up'));
    }
    refuseUnlessOk(outcome);
    return { recoveryCodes: codes };
  }

  /** Needs the password and a code (or a recovery code): a stolen session alone cannot weaken the account. */
  async disable(user: AuthUser, dto: DisableTwoFactorDto): Promise<void> {
    refuseApiToken(user, 'use two-factor authentication');
    requireOneProof(dto);
    await this.requirePassword(user.id, dto.password);
    refuseUnlessOk(
      await this.db.transaction(async (tx) => {
        const checked = await this.verifier.check(tx, user.id, dto);
        if (checked.kind === 'ok') await this.repository.remove(tx, user.id);
        return checked;
      }),
    );
  }

  /** Ten new codes for a code from the app; the old ones stop working. */
  async regenerateRecoveryCodes(user: AuthUser, dto: TwoFactorCodeDto): Promise<RecoveryCodesDto> {
    refuseApiToken(user, 'use two-factor authentication');
    const codes = newRecoveryCodes();
    refuseUnlessOk(
      await this.db.transaction(async (tx) => {
        const checked = await this.verifier.check(tx, user.id, { code: dto.code });
        if (checked.kind === 'ok') await this.repository.replaceRecoveryCodes(tx, user.id, codes.map(hashRecoveryCode));
        return checked;
      }),
    );
    return { recoveryCodes: codes };
  }

  private async requirePassword(userId: string, password: string): Promise<void> {
    const stored = await this.users.passwordCheck(userId);
    if (!(await verifyPassword(stored?.passwordHash, password))) {
      // A field error, not a 401: the client reads 401 as "the session ended" and refreshes it.
      throw new ValidationFailed([fieldError('password', 'password-wrong')]);
    }
  }
}

function alreadyEnabled(): ConflictException {
  return new ConflictException(refusal('two-factor-enabled'));
}

function refuseUnlessOk(outcome: ProofOutcome): void {
  if (outcome.kind === 'ok') return;
  if (outcome.kind === 'locked') throw new TwoFactorLocked(outcome.until);
  if (outcome.kind === 'none') {
    throw new ConflictException(refusal('two-factor-off'));
  }
  throw wrongCodeField(outcome.field);
}
