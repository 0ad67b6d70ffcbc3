import { ForbiddenException } from '@nestjs/common';

/**
 * What an account that has not proved its address may not do yet (accept an invitation, be affiliated with an
 * organization). The code lets the client offer a new confirmation link.
 */
export class EmailNotConfirmed extends ForbiddenException {
  constructor(subject = 'This account') {
    super({
      code: 'email-not-confirmed',
      message: `${subject} has not confirmed its email address yet: follow the link emailed to it`,
    });
  }
}
