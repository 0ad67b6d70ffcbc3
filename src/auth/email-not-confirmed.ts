import { ForbiddenException } from '@nestjs/common';
import { refusal } from '../common/errors/refusal';

/**
 * What an account that has not proved its address may not do yet (accept an invitation, be affiliated with an
 * organization). The code lets the client offer a new confirmation link.
 */
export class EmailNotConfirmed extends ForbiddenException {
  constructor() {
    super(refusal('email-not-confirmed'));
  }
}
