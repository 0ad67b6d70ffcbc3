import { ApiProperty } from '@nestjs/swagger';
import type { ApiTokenAccess } from '../../auth/api-token-secret';
import type { ApiToken } from '../entities/api-token.entity';

/** A token as its managers read it (api-token.repository.ts), with its account's groups and its creator's name. */
export type ApiTokenRow = Pick<
  ApiToken,
  'id' | 'userId' | 'sessionId' | 'groupId' | 'name' | 'access' | 'createdBy' | 'createdAt' | 'lastUsedAt'
> & { revokedAt: Date | null; creatorName: string | null; groupIds: string[] };

export class ApiTokenPersonDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  displayName: string;
}

/** A token as its managers see it: never the secret. */
export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  access: ApiTokenAccess;
  /** The service account it acts as: the author of what it posts. */
  @ApiProperty({ format: 'uuid' })
  serviceAccountId: string;
  /** The groups it is scoped to, among those the reader may see. */
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } })
  groupIds: string[];
  createdBy: ApiTokenPersonDto | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  lastUsedAt: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  revokedAt: string | null;
}

/** The answer to a creation: the only time the secret is ever shown. */
export class CreatedApiTokenDto extends ApiTokenDto {
  /** `tsq_…`: send it as `Authorization: Bearer …` or as the socket's `auth.token`. It cannot be shown again. */
  token: string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function toApiTokenDto(row: ApiTokenRow, visibleGroupIds: Set<string>): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    access: row.access,
    serviceAccountId: row.userId,
    groupIds: row.groupIds.filter((id) => visibleGroupIds.has(id)).sort(),
    createdBy: row.createdBy ? { id: row.createdBy, displayName: row.creatorName ?? '' } : null,
    createdAt: iso(row.createdAt)!,
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}
