import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission, Role } from '../access/permission';
import { actorOf, AuditService } from '../audit/audit.service';
import { generateApiToken, hashApiToken } from '../auth/api-token-secret';
import { AuthUser } from '../auth/auth-user';
import { SessionService } from '../auth/session.service';
import { MembersService } from '../working-groups/members.service';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenDto, CreatedApiTokenDto, toApiTokenDto } from './dto/api-token.dto';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { refusal } from '../common/errors/refusal';

const LIST_LIMIT = 100;
const REVOKED_REASON = 'api-token-revoked';

/**
 * Tokens for integrations. A token acts as a service account that is a plain member of its groups (an observer for
 * `read`, a member for `read-write`), so every access rule applies to it unchanged; there is no second permission
 * system. Its access also caps that role (access-rules.ts), whatever the account is given later.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly members: MembersService,
    private readonly tokens: ApiTokenRepository,
  ) {}

  /** By a facilitator of every listed group (or the admin); the secret is in this answer and nowhere else. */
  async create(user: AuthUser, groupId: string, dto: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    const groupIds = [...new Set([groupId, ...(dto.groupIds ?? []).map((id) => id.toLowerCase())])];
    await this.access.require(user, Permission.ApiTokenManage, groupIds);
    const secret = generateApiToken();
    const role: Role = dto.access === 'read' ? 'observer' : 'member';
    const id = await this.db.transaction(async (tx) => {
      await this.tokens.lockGroups(tx, groupIds);
      // Again under the locks: a facilitator demoted meanwhile has lost the right by now.
      await this.access.require(user, Permission.ApiTokenManage, groupIds, tx);
      const accountId = await this.tokens.insertServiceAccount(tx, dto.name);
      const sessionId = await this.tokens.insertSession(tx, accountId);
      const tokenId = await this.tokens.insert(tx, {
        userId: accountId,
        sessionId,
        groupId,
        name: dto.name,
        access: dto.access,
        tokenHash: hashApiToken(secret),
        createdBy: user.id,
      });
      const after = { role, apiTokenId: tokenId, name: dto.name, access: dto.access };
      for (const scoped of groupIds) {
        await this.members.insert(tx, scoped, accountId, role, user, { action: 'api-token.created', after });
      }
      return tokenId;
    });
    const row = await this.tokens.find(id);
    return { ...toApiTokenDto(row!, new Set(groupIds)), token: secret };
  }

  async list(user: AuthUser, groupId: string): Promise<ApiTokenDto[]> {
    await this.access.require(user, Permission.ApiTokenRead, [groupId]);
    const rows = await this.tokens.listForGroup(groupId, LIST_LIMIT);
    const visible = await this.access.filter(user, Permission.GroupRead, [...new Set(rows.flatMap((r) => r.groupIds))]);
    return rows.map((row) => toApiTokenDto(row, visible));
  }

  /**
   * By whoever may see the token in one of its groups (a facilitator there, or the admin). It stops working at the
   * next request; its session ends with it, which disconnects its sockets on every node.
   */
  async revoke(user: AuthUser, tokenId: string): Promise<ApiTokenDto> {
    const found = await this.tokens.find(tokenId);
    const groupIds = found ? [...new Set([found.groupId, ...found.groupIds])] : [];
    const allowed = [...(await this.access.filter(user, Permission.ApiTokenRead, groupIds))];
    if (!found || allowed.length === 0) {
      // Members who may read one of its groups may know the token exists; anyone else gets the missing token's 404.
      if ((await this.access.filter(user, Permission.GroupRead, groupIds)).size > 0)
        throw new ForbiddenException(refusal('role-forbids', { permission: Permission.ApiTokenRead }));
      throw new NotFoundException(refusal('api-token-not-found'));
    }
    const revoked = await this.db.transaction(async (tx) => {
      if (!(await this.tokens.revoke(tx, tokenId))) return false;
      await this.sessions.revokeIn(tx, found.sessionId, REVOKED_REASON);
      const before = { apiTokenId: tokenId, name: found.name, access: found.access };
      for (const groupId of groupIds) {
        await this.audit.record(tx, {
          groupId,
          ...actorOf(user),
          action: 'api-token.revoked',
          subjectId: found.userId,
          before,
        });
      }
      return true;
    });
    if (revoked) this.sessions.announce(found.userId, found.sessionId, REVOKED_REASON);
    return toApiTokenDto((await this.tokens.find(tokenId))!, new Set(allowed));
  }
}
