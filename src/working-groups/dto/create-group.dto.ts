import { IsString, Length, MaxLength } from 'class-validator';
import { GcmObjectives, Omittable, Trim } from '../../common/dto-decorators';

export class CreateGroupDto {
  @Trim()
  @IsString()
  @Length(2, 200)
  name: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(4000)
  purpose?: string;

  /** Global Compact for Migration objectives, 1 to 23. */
  @Omittable()
  @GcmObjectives()
  objectives?: number[];
}
