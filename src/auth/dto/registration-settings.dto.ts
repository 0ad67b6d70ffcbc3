import type { RegistrationPolicy } from '../../config/app-config';

/** Who may create an account here, as the operator configured it (REGISTRATION, REGISTRATION_DOMAINS): read-only. */
export class RegistrationSettingsDto {
  mode: RegistrationPolicy['mode'];
  /** For `domains`: the email domains an address must be on. */
  domains: string[];
}
