import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { AppConfig } from '../config/app-config';
import { isAllowedOrigin } from '../common/origin';
import { createRedis } from '../redis/redis.module';
import { Metrics } from '../metrics/metrics';

/** Big enough for the longest message with its metadata; a crafted huge frame is refused before parsing. */
export const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;

/**
 * Socket.IO on the HTTP server's port: Origin allowlist on the handshake (the `cors` option alone does not guard
 * the websocket transport), small frames, and, with REDIS_URL, the Redis Streams adapter so every node delivers
 * every room broadcast, across a short Redis outage too (the stream keeps what a node has not read yet).
 *
 * No connection-state recovery: a reconnecting client asks for the events after its last seq (the one way to catch
 * up, which also covers a node that died). Socket.IO's recovery repeated that, at a quarter of the server's CPU per
 * delivery in the fan-out benchmark, plus a buffer kept for every dropped socket.
 */
export class TansiqIoAdapter extends IoAdapter {
  private readonly log = new Logger('Socket.IO');
  private readonly redis;

  private readonly metrics: Metrics;
  private readonly eventMetrics = new Map<string, EventMetrics>();

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
    this.metrics = app.get(Metrics);
    this.redis = config.redisUrl ? createRedis(config.redisUrl, 'socket-adapter') : null;
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = new Set(this.config.corsOrigins);
    const server: Server = super.createIOServer(port, {
      ...options,
      path: options?.path ?? '/socket.io',
      cors: { origin: this.config.corsOrigins, credentials: false },
      maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      allowRequest: (req: IncomingMessage, callback: (error: string | null, success: boolean) => void) => {
        // Browsers always send Origin on cross-site requests; a foreign one is cross-site websocket hijacking.
        // The server's own origin is not foreign (a non-browser client sends it too).
        const origin = req.headers.origin;
        const ok = !origin || isAllowedOrigin(origin, { host: req.headers.host, secure: isEncrypted(req) }, allowed);
        callback(ok ? null : 'origin not allowed', ok);
      },
      ...(this.redis
        ? {
            adapter: createAdapter(this.redis, {
              streamName: `${this.config.redisPrefix}socket.io`,
              channelPrefix: `${this.config.redisPrefix}socket.io`,
              onlyPlaintext: true,
            }),
          }
        : {}),
    } as ServerOptions);
    if (this.redis) this.log.log('Socket.IO uses the Redis Streams adapter');
    return server;
  }

  /**
   * Plain listeners instead of the base adapter's RxJS chain per handler per socket (fromEvent → mergeMap →
   * takeUntil(disconnect)): that chain kept ~19 kB of heap per connected socket (bench/README.md, connections).
   * Same behaviour: a response with `event` is emitted, any other answers the ack; an error is logged, never thrown
   * into Socket.IO, and the listener stays for the next event. Listeners go with the socket on disconnect.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      const { received, duration } = this.metricsOf(message);
      socket.on(message, (...args: unknown[]) => {
        received.inc();
        const answered = duration.startTimer();
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        let response$: Observable<unknown>;
        try {
          response$ = transform(callback(data, ack));
        } catch (error) {
          this.log.error(error);
          return;
        }
        response$.subscribe({
          complete: () => void answered(),
          next: (response) => {
            if (response === undefined || response === null) return;
            const reply = response as { event?: string; data?: unknown };
            if (reply.event) socket.emit(reply.event, reply.data);
            else if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (error: unknown) => this.log.error(error),
        });
      });
    }
  }

  /**
   * The event's counter and timer, made once per event name and shared by every socket: prom-client's `labels()`
   * allocates a bound function, closures and label objects on each call, and called per socket and handler it kept
   * ~3 kB of heap per connected socket (bench/README.md, connections).
   */
  private metricsOf(message: string): EventMetrics {
    let metrics = this.eventMetrics.get(message);
    if (!metrics) {
      metrics = {
        received: this.metrics.socketEvents.labels(message),
        duration: this.metrics.socketEventDuration.labels(message),
      };
      this.eventMetrics.set(message, metrics);
    }
    return metrics;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.redis?.disconnect();
  }
}

interface EventMetrics {
  received: ReturnType<Metrics['socketEvents']['labels']>;
  duration: ReturnType<Metrics['socketEventDuration']['labels']>;
}

/** The scheme as this server saw it: TLS on its own socket. Behind a TLS-terminating proxy, list the public origin. */
function isEncrypted(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}
