import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';

export class CatchUpQueryDto {
  /** The last seq the client has applied; 0 for everything kept. Within a JavaScript safe integer (seq is bigint). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after: number;

  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class SyncDto extends CatchUpQueryDto {
  @IsUUID()
  groupId: string;
}

export class GroupRefDto {
  @IsUUID()
  groupId: string;
}

export class TypingRequestDto extends GroupRefDto {
  /** null or left out: typing in the group, not in one thread. */
  @IsOptional()
  @IsUUID()
  threadId?: string | null;
}

/** `auth.refresh`: a newer access token for the open socket (same user, same live session). */
export class AuthRefreshDto {
  @IsString()
  @Length(20, 4096)
  token: string;
}
