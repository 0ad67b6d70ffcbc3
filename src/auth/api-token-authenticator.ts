import { Injectable, Logger } from '@nestjs/common';
import { ApiTokenAuthRepository } from './api-token-auth.repository';
import { hashApiToken } from './api-token-secret';
import { AuthUser } from './auth-user';

const TOUCH_EVERY_MS = 60_000;

/** Resolves an API token to its service account, on REST (the guard) and on the socket (the handshake). */
@Injectable()
export class ApiTokenAuthenticator {
  private readonly logger = new Logger(ApiTokenAuthenticator.name);

  constructor(private readonly tokens: ApiTokenAuthRepository) {}

  async resolve(token: string): Promise<AuthUser | null> {
    const row = await this.tokens.liveTokenUser(hashApiToken(token));
    if (!row) return null;
    // Last use is a hint for the people who manage the token: at most one write a minute, never in the way.
    if (!row.lastUsedAt || Date.now() - new Date(row.lastUsedAt).getTime() >= TOUCH_EVERY_MS) {
      this.tokens.touch(row.tokenId).catch((error: Error) => this.logger.debug(`last_used_at: ${error.message}`));
    }
    return {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      organizationId: row.organizationId,
      isAdmin: row.isAdmin,
      emailVerified: true, // a service account has no mailbox: it is never invited nor sent email
      locale: row.locale,
      sessionId: row.sessionId,
      apiToken: { id: row.tokenId, access: row.access },
    };
  }
}
