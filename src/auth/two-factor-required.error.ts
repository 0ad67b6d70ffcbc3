import { ForbiddenException } from '@nestjs/common';
import { refusal } from '../common/errors/refusal';

export const TWO_FACTOR_REQUIRED = 'two-factor-required' as const;

/** The workspace requires a second factor of this account: it may sign in, but must enrol before anything else. */
export class TwoFactorRequired extends ForbiddenException {
  constructor() {
    super(refusal(TWO_FACTOR_REQUIRED));
  }
}
