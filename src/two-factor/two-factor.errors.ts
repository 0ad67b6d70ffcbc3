import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import { ValidationFailed } from '../common/validation.pipe';
import { fieldError, refusal } from '../common/errors/refusal';

/** Too many wrong codes in a row: the account's second factor waits out its lock, whatever code comes. */
export class TwoFactorLocked extends HttpException {
  constructor(lockedUntil: Date) {
    const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 60_000));
    super(refusal('two-factor-locked', { minutes }), HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Too many second-step attempts from one client address, across accounts. */
export class TwoFactorRateLimited extends HttpException {
  constructor() {
    super(refusal('two-factor-rate-limited'), HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** The second sign-in step: a wrong or replayed code is refused like a wrong password. */
export class TwoFactorCodeWrong extends UnauthorizedException {
  constructor() {
    super(refusal('two-factor-code-wrong'));
  }
}

export class TwoFactorChallengeInvalid extends UnauthorizedException {
  constructor() {
    super(refusal('two-factor-challenge-invalid'));
  }
}

/** On the signed-in routes a wrong code is a field error, not a 401 (which would read as "the session ended"). */
export function wrongCodeField(field: 'code' | 'recoveryCode'): ValidationFailed {
  return new ValidationFailed([fieldError(field, 'code-wrong')]);
}
