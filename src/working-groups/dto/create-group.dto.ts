import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateGroupDto {
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  purpose?: string;

  /** Global Compact for Migration objectives, 1 to 23. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  objectives?: number[];
}
