/** Who is making a request: resolved from a verified access token whose session is still live. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  organizationId: string | null;
  isAdmin: boolean;
  locale: 'en' | 'ar';
  sessionId: string;
}

/** The claims Tansiq puts in an access token. */
export interface AccessClaims {
  sub: string;
  sid: string;
}
