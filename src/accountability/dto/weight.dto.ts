import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SetWeightDto {
  /** The item's weight in its recommendation's progress: 0 leaves it out, equal weights count it equally. */
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  weight: number;
}
