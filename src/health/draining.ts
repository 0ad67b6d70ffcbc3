import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { toErrorResponse } from '../common/all-exceptions.filter';
import { refusal } from '../common/errors/refusal';
import { requestLocale } from '../common/request-locale';
import { pathOf } from '../common/request-path';

/**
 * Whether this node is shutting down, and the requests it is still answering. Once draining, a new request is
 * answered 503 with `Connection: close` (the load balancer tries another node; a kept-alive connection is not
 * reused), readiness answers 503, and the requests already running finish: shutdown waits for them.
 */
@Injectable()
export class Draining {
  private since: number | null = null;
  private readonly inFlight = new Set<ServerResponse>();
  /** Connections that carried a request: when their last answer finished (0 while one runs). */
  private readonly sockets = new Map<Socket, number>();
  private idle: (() => void) | null = null;

  get active(): boolean {
    return this.since !== null;
  }

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** Counts requests, and refuses new ones once draining. Installed first, before any other request hook. */
  readonly onRequest = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    // Liveness stays true while draining: the process is well, it is only leaving.
    if (this.since !== null && pathOf(request.url) !== '/api/health/live') {
      void reply
        .header('Connection', 'close')
        .header('Retry-After', '1')
        .code(503)
        .send(toErrorResponse(shuttingDown(), requestLocale(request)));
      return;
    }
    const res = reply.raw;
    this.inFlight.add(res);
    const socket = request.raw.socket;
    if (!this.sockets.has(socket)) socket.once('close', () => this.sockets.delete(socket));
    this.sockets.set(socket, 0);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (this.sockets.has(socket)) this.sockets.set(socket, Date.now());
      if (this.inFlight.size === 0) this.idle?.();
    });
    done();
  };

  /**
   * The same refusal for a new Socket.IO session, as Engine.IO middleware: its requests never reach Fastify. Without
   * it the Engine.IO handshake succeeded and only the namespace refused, inside the session: a load balancer cannot
   * send that elsewhere, and socket.io-client does not retry such a refusal by itself. An HTTP 503 (on a WebSocket
   * upgrade too) is retried by the load balancer on another node, or by the client after its back-off. Polls and
   * upgrades of sessions already open pass: shutdown sends those away itself.
   */
  readonly newSessions = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    if (this.since === null || new URL(req.url ?? '/', 'http://node').searchParams.has('sid')) return next();
    const body = JSON.stringify(toErrorResponse(shuttingDown(), requestLocale(req)));
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      Connection: 'close',
      'Retry-After': '1',
    };
    if (!req.headers.upgrade) {
      res.writeHead(503, headers).end(body);
      return;
    }
    // Engine.IO's stand-in response for an upgrade writes nothing: answer on the connection itself.
    const socket = (res as unknown as { socket: Duplex }).socket;
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(`HTTP/1.1 503 Service Unavailable\r\n${head.join('')}\r\n${body}`);
  };

  /**
   * Closes the kept-alive connections that answered a request and have sat idle since. Not Node's
   * closeIdleConnections: that also closes a connection just accepted whose request is not parsed yet (under load,
   * many), and the client sees its request reset.
   */
  closeIdleKeptAlive(idleForMs = 50): void {
    const now = Date.now();
    for (const [socket, finishedAt] of this.sockets) {
      if (finishedAt > 0 && now - finishedAt >= idleForMs) socket.destroy();
    }
  }

  /** From now on new requests are refused; the ones running are told to close their connection when answered. */
  start(): void {
    if (this.since !== null) return;
    this.since = Date.now();
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
  }

  /** Resolves when no request is running, or after `timeoutMs`, with the number still running then. */
  async settled(timeoutMs: number): Promise<number> {
    if (this.inFlight.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.inFlight.size;
  }
}

export function shuttingDown(): ServiceUnavailableException {
  return new ServiceUnavailableException(refusal('server-shutting-down'));
}
