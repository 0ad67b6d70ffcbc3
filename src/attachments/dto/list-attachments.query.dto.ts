import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';
import { FILE_KINDS, type FileKind } from './attachment.dto';

/** The Files view's filters; every one optional. Attached files only, newest first. */
export class ListAttachmentsQueryDto {
  @Omittable()
  @IsIn(FILE_KINDS)
  kind?: FileKind;

  /** Files of a discussion's messages, or of a recommendation (its messages and its proposal). */
  @Omittable()
  @IsUUID()
  threadId?: string;

  /** Files of an action item and of its progress notes. */
  @Omittable()
  @IsUUID()
  actionItemId?: string;

  @Omittable()
  @IsUUID()
  uploaderId?: string;

  /** Words of the file name (Arabic or English, as the search does). */
  @Omittable()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** `nextBefore` of the previous page. */
  @Omittable()
  @IsString()
  @MaxLength(200)
  before?: string;

  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
