import type { ApiTokenAccess } from './api-token-secret';

/** Who is making a request: resolved from a verified access token whose session is still live. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  organizationId: string | null;
  isAdmin: boolean;
  /** The account proved it reads mail at `email`: see User.emailVerifiedAt. */
  emailVerified: boolean;
  locale: 'en' | 'ar';
  sessionId: string;
  /**
   * The workspace requires a second factor of this account (an admin, or a facilitator) and it has none yet: only
   * the routes that let it enrol answer (see @AllowedBeforeTwoFactor()).
   */
  twoFactorMissing?: boolean;
  /** Present when the request came with an API token: the user is then its service account. */
  apiToken?: { id: string; access: ApiTokenAccess };
}

/** The claims Tansiq puts in an access token. */
export interface AccessClaims {
  sub: string;
  sid: string;
  /** Expiry, in seconds since the epoch, when the claims come from a verified token. */
  exp?: number;
}
