import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { unseal } from '../common/sealed-secret';
import { ValidationFailed } from '../common/validation.pipe';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { hashRecoveryCode } from './recovery-codes';
import { matchTotp } from './totp';
import { TwoFactorRepository } from './two-factor.repository';
import { fieldError } from '../common/errors/refusal';

/** What a proof of the second factor comes to; the caller commits, then throws for anything but `ok`. */
export type ProofOutcome =
  | { kind: 'ok' }
  | { kind: 'wrong'; field: 'code' | 'recoveryCode' }
  | { kind: 'locked'; until: Date }
  | { kind: 'none' };

export interface Proof {
  code?: string;
  recoveryCode?: string;
}

/** One code or one recovery code, never both and never neither. */
export function requireOneProof(proof: Proof): void {
  if ((proof.code === undefined) === (proof.recoveryCode === undefined)) {
    throw new ValidationFailed([fieldError('code', 'code-or-recovery-code')]);
  }
}

/**
 * Checks a second factor inside the caller's transaction, with the account's authenticator locked: the lock, the
 * replay rule (a code's step must be later than the last one used) and the count of wrong codes all hold however
 * many requests race. Wrong answers are counted in the same transaction, so the caller must commit before it
 * refuses (throwing inside would roll the count back).
 */
@Injectable()
export class TwoFactorVerifier {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: TwoFactorRepository,
  ) {}

  /** `pending`: the code confirms a secret just set up (no recovery codes exist yet). */
  async check(tx: EntityManager, userId: string, proof: Proof, pending = false): Promise<ProofOutcome> {
    const state = await this.repository.lock(tx, userId);
    if (!state || (state.enabledAt === null) !== pending) return { kind: 'none' };
    if (state.lockedUntil && new Date(state.lockedUntil).getTime() > Date.now()) {
      return { kind: 'locked', until: new Date(state.lockedUntil) };
    }
    if (proof.recoveryCode !== undefined && !pending) {
      if (await this.repository.useRecoveryCode(tx, userId, hashRecoveryCode(proof.recoveryCode))) {
        await this.repository.recordSuccess(tx, userId, null);
        return { kind: 'ok' };
      }
      return this.fail(tx, userId, 'recoveryCode');
    }
    const secret = unseal(this.config.jwt.secret, state.secretSealed, 'two-factor');
    const step = matchTotp(secret, proof.code ?? '');
    if (step === null || (state.lastUsedStep !== null && step <= state.lastUsedStep)) {
      return this.fail(tx, userId, 'code');
    }
    await this.repository.recordSuccess(tx, userId, step);
    return { kind: 'ok' };
  }

  private async fail(tx: EntityManager, userId: string, field: 'code' | 'recoveryCode'): Promise<ProofOutcome> {
    const { maxFailures, lockMinutes } = this.config.twoFactor;
    await this.repository.recordFailure(tx, userId, maxFailures, lockMinutes);
    return { kind: 'wrong', field };
  }
}
