import { ForbiddenException } from '@nestjs/common';
import { refusal } from '../common/errors/refusal';

/**
 * Only ever the answer to a right password: whoever does not know it gets the usual "email or password is wrong",
 * so the answer tells nothing about an account to a stranger, and tells its owner why they cannot sign in.
 */
export class AccountDeactivated extends ForbiddenException {
  constructor() {
    super(refusal('account-deactivated'));
  }
}
