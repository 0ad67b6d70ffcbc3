import { Transform, Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';

export class SearchQueryDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  q: string;

  /** Only this group. */
  @Omittable()
  @IsUUID()
  groupId?: string;

  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class SearchHitDto {
  kind: 'message' | 'thread';
  id: string;
  groupId: string;
  threadId: string;
  threadTitle: string;
  /** HTML-escaped text with matches wrapped in <mark>; safe to insert. */
  snippetHtml: string;
  rank: number;
  createdAt: string;
}
