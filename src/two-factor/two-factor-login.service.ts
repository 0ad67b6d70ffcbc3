import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountDeactivated } from '../auth/account-deactivated.error';
import { AuthService } from '../auth/auth.service';
import { ClientInfo } from '../auth/client-info';
import { AuthResponseDto } from '../auth/dto/auth-response.dto';
import { LoginChallengeService } from '../auth/login-challenge.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RateLimiter } from '../redis/rate-limit.module';
import { UserRepository } from '../users/user.repository';
import { TwoFactorLoginDto } from './dto/two-factor.dto';
import {
  TwoFactorChallengeInvalid,
  TwoFactorCodeWrong,
  TwoFactorLocked,
  TwoFactorRateLimited,
} from './two-factor.errors';
import { ProofOutcome, requireOneProof, TwoFactorVerifier } from './two-factor-verifier';

const ADDRESS_WINDOW_MS = 15 * 60_000;

/**
 * The second step of a sign-in. Nobody is signed in yet: the challenge (proof of the right password, single-use,
 * five minutes) names the account. Limited twice: per client address across accounts (here, before any work), and
 * per account by the lock after consecutive wrong codes (TwoFactorVerifier).
 */
@Injectable()
export class TwoFactorLoginService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly limiter: RateLimiter,
    private readonly challenges: LoginChallengeService,
    private readonly verifier: TwoFactorVerifier,
    private readonly users: UserRepository,
    private readonly auth: AuthService,
  ) {}

  async complete(dto: TwoFactorLoginDto, client: ClientInfo): Promise<AuthResponseDto> {
    requireOneProof(dto);
    const address = `two-factor:address:${client.ipAddress ?? 'unknown'}`;
    if (!(await this.limiter.allow(address, this.config.twoFactor.attemptsPerAddress, ADDRESS_WINDOW_MS))) {
      throw new TwoFactorRateLimited();
    }
    const outcome = await this.db.transaction(async (tx) => {
      const challenge = await this.challenges.lock(tx, dto.challenge);
      if (!challenge) return { kind: 'invalid' as const };
      if ((await this.users.signInState(challenge.userId, tx))?.deactivated) return { kind: 'deactivated' as const };
      const checked = await this.verifier.check(tx, challenge.userId, dto);
      if (checked.kind !== 'ok') return checked;
      await this.challenges.spendAll(tx, challenge.userId);
      return { kind: 'signed-in' as const, answer: await this.auth.signIn(tx, challenge.userId, client) };
    });
    if (outcome.kind === 'signed-in') return outcome.answer;
    throw refusal(outcome);
  }
}

function refusal(outcome: Exclude<ProofOutcome, { kind: 'ok' }> | { kind: 'invalid' | 'deactivated' }): Error {
  switch (outcome.kind) {
    case 'locked':
      return new TwoFactorLocked(outcome.until);
    case 'wrong':
      return new TwoFactorCodeWrong();
    case 'deactivated':
      return new AccountDeactivated();
    default:
      // No challenge, or an account whose second factor was turned off meanwhile: sign in again.
      return new TwoFactorChallengeInvalid();
  }
}
