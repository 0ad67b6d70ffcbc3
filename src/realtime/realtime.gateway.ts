import { BadRequestException, ForbiddenException, Logger, UnauthorizedException } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AccessService } from '../access/access.service';
import { MembershipRepository } from '../access/membership.repository';
import { Permission } from '../access/permission';
import { ApiTokenAuthenticator } from '../auth/api-token-authenticator';
import { AuthUser } from '../auth/auth-user';
import { SessionService } from '../auth/session.service';
import { TokenService } from '../auth/token.service';
import { loggable, toErrorResponse } from '../common/all-exceptions.filter';
import { validatePayload } from '../common/validate';
import { CatchUpService } from '../events/catch-up.service';
import { CatchUp } from '../events/change-feed.service';
import { AuthRefreshDto, GroupRefDto, SyncDto, TypingRequestDto } from '../events/dto/catch-up.query.dto';
import {
  authenticateSocket,
  authenticateToken,
  SocketAuthError,
  SocketLimitError,
  SocketTwoFactorRequiredError,
  SocketUnavailableError,
  SocketVerifiers,
  socketLocale,
} from './socket-auth';
import { SocketPolicy } from './socket-policy';
import { rooms } from './rooms';
import { Ack, ClientToServerEvents, ServerToClientEvents, SocketData } from './socket-protocol';
import { refusal } from '../common/errors/refusal';
import { errorText } from '../common/errors/error-text';
import { Draining } from '../health/draining';
import { Metrics } from '../metrics/metrics';

export type TansiqServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type TansiqSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const TYPING_EVERY_MS = 1500;

/**
 * Transport only: authenticates the handshake, puts each socket in its user's, session's and groups' rooms,
 * and answers client events through the same services and access policy as REST. Pushes happen in the listener.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() server: TansiqServer;

  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly access: AccessService,
    private readonly catchUp: CatchUpService,
    private readonly memberships: MembershipRepository,
    private readonly policy: SocketPolicy,
    private readonly apiTokens: ApiTokenAuthenticator,
    private readonly draining: Draining,
    private readonly metrics: Metrics,
  ) {}

  private get verifiers(): SocketVerifiers {
    return { tokens: this.tokens, sessions: this.sessions, apiTokens: this.apiTokens };
  }

  afterInit(server: TansiqServer): void {
    const connected = this.metrics.gauge('tansiq_sockets_connected', 'Sockets connected to this node');
    this.metrics.onScrape(() => connected.set(server.of('/').sockets.size));
    server.engine.use(this.draining.newSessions);
    // Guards do not run on the handshake: authenticate here, on every connection and reconnection.
    // Rooms are joined here too, before the client hears it is connected: an event committed right after the
    // client's first `sync` must find the socket already in its groups' rooms.
    server.use((socket, next) => {
      // A node that is shutting down takes no new socket: the client retries, and reaches another node.
      if (this.draining.active) return next(new SocketUnavailableError().localize(socketLocale(socket)));
      authenticateSocket(socket, this.verifiers)
        .then(async ({ user, expiresAt }) => {
          socket.data = { ...socket.data, ...toSocketData(user), lastTypingAt: 0, expiresAt };
          await this.policy.refuseOverCap(this.server, socket);
          await this.joinRooms(socket);
          this.policy.limitEvents(socket);
          this.policy.watchExpiry(socket);
          next();
        })
        .catch((error: Error) => {
          if (
            error instanceof SocketAuthError ||
            error instanceof SocketLimitError ||
            error instanceof SocketTwoFactorRequiredError
          )
            return next(error.localize(socketLocale(socket)));
          this.logger.warn(`Handshake failed: ${error.message}`);
          next(new SocketUnavailableError().localize(socketLocale(socket)));
        });
    });
  }

  async handleConnection(socket: TansiqSocket): Promise<void> {
    const { userId } = socket.data;
    if (!userId) return socket.disconnect(true) as unknown as void;
    try {
      // Only the user's first socket in the cluster announces them. When the other nodes do not answer in time
      // (one just started or died), announce anyway: "online" said twice is harmless, a member shown offline is not.
      const first = await this.server
        .in(rooms.user(userId))
        .fetchSockets()
        .then((sockets) => sockets.length === 1)
        .catch((error: Error) => {
          this.logger.warn(`Presence: the other nodes did not say who is online (${error.message}); announcing`);
          return true;
        });
      if (!first) return;
      // The admin's sockets sit in every group's room; presence is announced where they are a member only.
      this.announcePresence(
        userId,
        socket.data.isAdmin ? await this.memberships.groupIdsOf(userId) : groupsIn(socket),
        true,
      );
    } catch (error) {
      this.logger.debug(`Presence on connect skipped: ${(error as Error).message}`);
    }
  }

  /** The user's, session's and groups' rooms, from the current memberships; rooms the user has left are left. */
  private async joinRooms(socket: TansiqSocket): Promise<void> {
    const { userId, sessionId } = socket.data;
    const groups = await this.groupsOf(socket.data);
    for (const groupId of groupsIn(socket)) if (!groups.includes(groupId)) socket.leave(rooms.group(groupId));
    socket.join([rooms.user(userId), rooms.session(sessionId), ...groups.map(rooms.group)]);
    if (socket.data.isAdmin) socket.join(rooms.admins);
  }

  async handleDisconnect(socket: TansiqSocket): Promise<void> {
    this.policy.forget(socket);
    const { userId } = socket.data;
    if (!userId) return;
    try {
      if ((await this.server.in(rooms.user(userId)).fetchSockets()).length > 0) return;
      // By 'disconnect' Socket.IO has already taken the socket out of its rooms: ask the database.
      this.announcePresence(userId, await this.memberships.groupIdsOf(userId), false);
    } catch (error) {
      this.logger.debug(`Presence on disconnect skipped: ${(error as Error).message}`);
    }
  }

  /**
   * A socket's authority ends with its access token: the client sends the token it refreshed to before the old one
   * expires. Same user, same session, still live; then the socket lasts until the new token expires (+ the grace).
   */
  @SubscribeMessage('auth.refresh')
  refreshAuth(
    @ConnectedSocket() socket: TansiqSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ expiresAt: string }>> {
    return answer(socket, async () => {
      const dto = await validatePayload(AuthRefreshDto, body);
      // An API token's socket lasts until the token is revoked: there is nothing to refresh.
      if (!Number.isFinite(socket.data.expiresAt)) throw new BadRequestException(refusal('api-token-does-not-expire'));
      const { user, expiresAt } = await authenticateToken(dto.token, this.verifiers).catch((error: Error) => {
        if (error instanceof SocketTwoFactorRequiredError) throw new ForbiddenException(error.data);
        throw error instanceof SocketAuthError ? new UnauthorizedException(error.data) : error;
      });
      if (user.id !== socket.data.userId || user.sessionId !== socket.data.sessionId) {
        throw new UnauthorizedException(refusal('token-other-session'));
      }
      socket.data.user = user;
      socket.data.displayName = user.displayName;
      socket.data.expiresAt = Math.max(socket.data.expiresAt, expiresAt);
      this.policy.watchExpiry(socket);
      return { expiresAt: new Date(socket.data.expiresAt).toISOString() };
    });
  }

  @SubscribeMessage('sync')
  sync(@ConnectedSocket() socket: TansiqSocket, @MessageBody() body: unknown): Promise<Ack<CatchUp>> {
    return answer(socket, async () => {
      const dto = await validatePayload(SyncDto, body);
      return this.catchUp.after(asUser(socket), dto.groupId, dto.after, dto.limit);
    });
  }

  @SubscribeMessage('presence.get')
  presence(@ConnectedSocket() socket: TansiqSocket, @MessageBody() body: unknown): Promise<Ack<{ userIds: string[] }>> {
    return answer(socket, async () => {
      const dto = await validatePayload(GroupRefDto, body);
      await this.access.require(asUser(socket), Permission.GroupRead, [dto.groupId]);
      const sockets = await this.server.in(rooms.group(dto.groupId)).fetchSockets();
      const online = [...new Set(sockets.map((s) => s.data.userId))];
      // The room also holds the workspace admin's sockets (the admin reads every group): list members only.
      return { userIds: [...(await this.memberships.membersAmong(dto.groupId, online)).keys()].sort() };
    });
  }

  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: TansiqSocket, @MessageBody() body: unknown): Promise<void> {
    const now = Date.now();
    if (now - socket.data.lastTypingAt < TYPING_EVERY_MS) return;
    socket.data.lastTypingAt = now;
    // Per user too, across sockets and nodes: twenty tabs of one user relay no more than one.
    if (!(await this.policy.allowTyping(socket.data.userId, TYPING_EVERY_MS))) return;
    try {
      const dto = await validatePayload(TypingRequestDto, body);
      await this.access.require(asUser(socket), Permission.Typing, [dto.groupId]);
      socket.to(rooms.group(dto.groupId)).emit('typing', {
        groupId: dto.groupId,
        threadId: dto.threadId ?? null,
        userId: socket.data.userId,
        displayName: socket.data.displayName,
      });
    } catch {
      // Typing is a hint: a refused one is dropped without an answer.
    }
  }

  /**
   * Shutdown: tells this node's sockets why and closes their connections (a transport close, which clients answer by
   * reconnecting at once, through the load balancer to another node). Only this node's: the others keep theirs.
   * Resolves with the number sent away once their connections are closed, or after `timeoutMs`.
   */
  async sendAway(timeoutMs: number): Promise<number> {
    const sockets = [...this.server.of('/').sockets.values()];
    const closed = sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.conn.once('close', () => resolve());
          const locale = socketLocale(socket);
          socket.emit('server.shutdown', {
            code: 'server-shutting-down',
            message: errorText('server-shutting-down', {}, locale) ?? 'server shutting down',
          });
          // Engine.IO flushes the notice before it closes the transport.
          socket.conn.close();
        }),
    );
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    return sockets.length;
  }

  /** Every group the user's sockets belong in: their memberships, or every group for the workspace admin. */
  private groupsOf(data: SocketData): Promise<string[]> {
    return data.isAdmin ? this.memberships.allGroupIds() : this.memberships.groupIdsOf(data.userId);
  }

  private announcePresence(userId: string, groups: string[], online: boolean): void {
    for (const groupId of groups) this.server.to(rooms.group(groupId)).emit('presence', { groupId, userId, online });
  }
}

function groupsIn(socket: TansiqSocket): string[] {
  return [...socket.rooms].filter((room) => room.startsWith('group:')).map((room) => room.slice('group:'.length));
}

function toSocketData(user: AuthUser): Omit<SocketData, 'lastTypingAt' | 'expiresAt'> {
  return { user, userId: user.id, sessionId: user.sessionId, displayName: user.displayName, isAdmin: user.isAdmin };
}

/**
 * The socket's user as of the handshake. Access is still checked on every event against current memberships;
 * a revoked session's sockets are disconnected by the listener.
 */
export function asUser(socket: TansiqSocket): AuthUser {
  return socket.data.user;
}

/**
 * Runs a handler and turns its result or error into the acknowledgement shape, said in the socket's language; never
 * throws at the client.
 */
export async function answer<T>(socket: TansiqSocket, run: () => Promise<T>): Promise<Ack<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    const response = toErrorResponse(error, socketLocale(socket));
    if (response.statusCode >= 500) socketErrors.error({ err: loggable(error) }, 'Socket event failed');
    return { ok: false, error: response };
  }
}

const socketErrors = new Logger('SocketErrors');
