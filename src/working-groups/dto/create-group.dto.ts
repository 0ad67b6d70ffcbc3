import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { GcmObjectives, Trim } from '../../common/dto-decorators';

export class CreateGroupDto {
  @Trim()
  @IsString()
  @Length(2, 200)
  name: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  purpose?: string;

  /** Global Compact for Migration objectives, 1 to 23. */
  @IsOptional()
  @GcmObjectives()
  objectives?: number[];
}
