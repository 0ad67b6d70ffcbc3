import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import { ValidationFailed } from '../common/validation.pipe';

/** Too many wrong codes in a row: the account's second factor waits out its lock, whatever code comes. */
export class TwoFactorLocked extends HttpException {
  constructor(lockedUntil: Date) {
    const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 60_000));
    super(
      {
        code: 'two-factor-locked',
        message: `Too many wrong codes: two-factor codes for this account are refused for ${minutes} more minute(s)`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Too many second-step attempts from one client address, across accounts. */
export class TwoFactorRateLimited extends HttpException {
  constructor() {
    super(
      { code: 'two-factor-rate-limited', message: 'Too many two-factor attempts from this address: try again later' },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** The second sign-in step: a wrong or replayed code is refused like a wrong password. */
export class TwoFactorCodeWrong extends UnauthorizedException {
  constructor() {
    super({ code: 'two-factor-code-wrong', message: 'The code is wrong, expired or already used' });
  }
}

export class TwoFactorChallengeInvalid extends UnauthorizedException {
  constructor() {
    super({
      code: 'two-factor-challenge-invalid',
      message: 'The sign-in has expired or was already completed: sign in with your password again',
    });
  }
}

/** On the signed-in routes a wrong code is a field error, not a 401 (which would read as "the session ended"). */
export function wrongCodeField(field: 'code' | 'recoveryCode'): ValidationFailed {
  return new ValidationFailed([{ field, message: 'is wrong, expired or already used' }]);
}
