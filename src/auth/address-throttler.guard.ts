import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerRequest } from '@nestjs/throttler';

/** Reset emails one address may be sent in this window, from any number of client addresses. */
export const ADDRESS_LIMIT = 3;
export const ADDRESS_WINDOW_MS = 15 * 60_000;

/**
 * Counts requests per email address in the body, not per client: rotating client addresses must not let anyone
 * flood one mailbox with reset emails. Runs beside the per-client ThrottlerGuard (its keys never meet these).
 */
@Injectable()
export class AddressThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const email = (req.body as { email?: unknown } | undefined)?.email;
    return Promise.resolve(`address:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`);
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    return super.handleRequest({
      ...request,
      limit: ADDRESS_LIMIT,
      ttl: ADDRESS_WINDOW_MS,
      blockDuration: ADDRESS_WINDOW_MS,
    });
  }
}
