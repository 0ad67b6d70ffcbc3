import { SetMetadata } from '@nestjs/common';

export const ALLOWED_BEFORE_TWO_FACTOR = 'allowedBeforeTwoFactor';

/**
 * A route an account the workspace requires a second factor of may use before it has one: reading itself,
 * enrolling, its sessions, signing out. Every other route answers 403 `two-factor-required` until it enrols.
 */
export const AllowedBeforeTwoFactor = () => SetMetadata(ALLOWED_BEFORE_TWO_FACTOR, true);
