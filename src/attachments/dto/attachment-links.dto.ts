import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsUUID } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';
import type { LinkVariant } from '../signed-links';

/** Links for up to 100 files at once (a page of the Files view, a thread's files): one request, one access query. */
export class CreateAttachmentLinksDto {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];

  /** `thumbnail`: the small WebP image, for files with `hasThumbnail`. */
  @Omittable()
  @IsIn(['file', 'thumbnail'])
  variant?: LinkVariant;
}
