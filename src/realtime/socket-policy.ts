import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { toErrorResponse } from '../common/all-exceptions.filter';
import { errorText, type ErrorLocale } from '../common/errors/error-text';
import { refusal } from '../common/errors/refusal';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RateLimiter } from '../redis/rate-limit.module';
import type { TansiqServer, TansiqSocket } from './realtime.gateway';
import { SocketLimitError, socketLocale } from './socket-auth';
import { rooms } from './rooms';
import { AuthExpiredDto } from './socket-protocol';

/** How long the handshake waits for other nodes to count a user's sockets; past it, the socket is let in. */
const COUNT_SOCKETS_TIMEOUT_MS = 1000;

/**
 * What every socket is held to besides access: how many a user may open, how many events a user may send, and
 * how long its authority lasts (its access token's life plus a short grace, renewed by `auth.refresh`).
 */
@Injectable()
export class SocketPolicy {
  private readonly logger = new Logger('SocketPolicy');
  /** Per open socket on this node: closes it when its token's authority (plus the grace) has ended. */
  private readonly expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * At most MAX_SOCKETS_PER_USER open sockets per user, counted on every node. Handshakes racing each other may
   * overshoot by the few that are mid-handshake at once; a node that does not answer in time is not waited for.
   */
  async refuseOverCap(server: TansiqServer, socket: TansiqSocket): Promise<void> {
    const max = this.config.maxSocketsPerUser;
    let open: number;
    try {
      open = (await server.in(rooms.user(socket.data.userId)).timeout(COUNT_SOCKETS_TIMEOUT_MS).fetchSockets()).length;
    } catch (error) {
      this.logger.debug(`Socket count skipped: ${(error as Error).message}`);
      return;
    }
    if (open >= max) throw new SocketLimitError(max);
  }

  /**
   * Every client event counts against one budget per user (SOCKET_EVENT_RATE_LIMIT per minute), shared by all the
   * user's sockets on every node (Redis), before any handler runs. Over it, an event with a callback is answered
   * 429 and any other is dropped.
   */
  limitEvents(socket: TansiqSocket): void {
    const key = `socket-events:${socket.data.userId}`;
    socket.use((packet, next) => {
      void this.limiter.allow(key, this.config.socketEventRateLimitPerMinute, 60_000).then((allowed) => {
        if (allowed) return next();
        const ack: unknown = packet[packet.length - 1];
        if (typeof ack === 'function') ack({ ok: false, error: tooManyEvents(socketLocale(socket)) });
      });
    });
  }

  watchExpiry(socket: TansiqSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    // An API token's socket has no expiry (a timer that long would fire at once: setTimeout caps at 2^31 ms).
    if (!Number.isFinite(socket.data.expiresAt)) return;
    const deadline = socket.data.expiresAt + this.config.jwt.socketGraceSeconds * 1000;
    const timer = setTimeout(() => this.expire(socket), Math.max(0, deadline - Date.now()));
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
  }

  /** Tells the client why (it refreshes and reconnects), then closes the socket. */
  private expire(socket: TansiqSocket): void {
    this.expiryTimers.delete(socket.id);
    if (!socket.connected) return;
    socket.emit('auth.expired', tokenExpired(socketLocale(socket)));
    socket.disconnect(true);
  }

  /** One typing relay per user per interval, whichever of the user's sockets (on whichever node) it comes from. */
  allowTyping(userId: string, everyMs: number): Promise<boolean> {
    return this.limiter.allow(`typing:${userId}`, 1, everyMs);
  }

  forget(socket: TansiqSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
  }
}

const tokenExpired = (locale: ErrorLocale): AuthExpiredDto => ({
  statusCode: 401,
  error: 'Unauthorized',
  code: 'token-expired',
  message: errorText('token-expired', {}, locale) ?? 'token-expired',
});

const tooManyEvents = (locale: ErrorLocale) =>
  toErrorResponse(new HttpException(refusal('too-many-socket-events'), HttpStatus.TOO_MANY_REQUESTS), locale);
