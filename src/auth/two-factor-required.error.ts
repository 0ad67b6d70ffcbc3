import { ForbiddenException } from '@nestjs/common';

export const TWO_FACTOR_REQUIRED = 'two-factor-required';

/** The workspace requires a second factor of this account: it may sign in, but must enrol before anything else. */
export class TwoFactorRequired extends ForbiddenException {
  constructor() {
    super({
      code: TWO_FACTOR_REQUIRED,
      message:
        'This workspace requires two-factor authentication for your role: set it up under Security before going on',
    });
  }
}
