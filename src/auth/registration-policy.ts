import { ForbiddenException } from '@nestjs/common';
import { RegistrationPolicy } from '../config/app-config';
import { refusal } from '../common/errors/refusal';

export type RegistrationRefusal = 'registration-domain-not-allowed' | 'registration-invite-only';

/**
 * Why this address may not register under the policy, or null. Decided before anything about existing accounts is
 * looked at, so a refusal reads the same for an address with an account and one without.
 */
export async function registrationRefusal(
  policy: RegistrationPolicy,
  email: string,
  hasPendingInvitation: () => Promise<boolean>,
): Promise<RegistrationRefusal | null> {
  if (policy.mode === 'open') return null;
  if (policy.mode === 'domains') {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    return policy.domains.includes(domain) ? null : 'registration-domain-not-allowed';
  }
  return (await hasPendingInvitation()) ? null : 'registration-invite-only';
}

/** The 403 a refused registration answers, with a code the client says in the reader's language. */
export class RegistrationRefused extends ForbiddenException {
  constructor(code: RegistrationRefusal) {
    super(refusal(code));
  }
}
