import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RateLimiter } from '../redis/rate-limit.module';
import { refusal } from '../common/errors/refusal';

/**
 * One budget of messages per user and minute (WRITE_RATE_LIMIT), across every node, shared by socket sends and
 * REST posts: a client cannot get around the socket's limit by posting over REST.
 */
@Injectable()
export class MessageWriteLimit {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one message; 429 past the budget. Checked before validation, so refused floods cost one Redis call. */
  async take(user: AuthUser): Promise<void> {
    if (!(await this.limiter.allow(`write:${user.id}`, this.config.writeRateLimitPerMinute, 60_000))) {
      throw new HttpException(refusal('too-many-messages'), HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}

/** The same budget on the REST route that posts a message. */
@Injectable()
export class MessageWriteLimitGuard implements CanActivate {
  constructor(private readonly limit: MessageWriteLimit) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.limit.take(context.switchToHttp().getRequest<{ user: AuthUser }>().user);
    return true;
  }
}
