import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PUBLICATION_VISIBILITIES, type PublicationVisibility } from '../entities/publication.entity';

export class PublishDto {
  /** `unlisted`: only those with the link; `public`: also on the public index. */
  @ApiProperty({ enum: PUBLICATION_VISIBILITIES })
  @IsIn(PUBLICATION_VISIBILITIES)
  visibility: PublicationVisibility;
}
