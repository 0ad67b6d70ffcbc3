import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';
import { IMPORT_MODES, type ImportMode } from './progress-import.dto';

export class ImportQueryDto {
  /** `preview` (the default) writes nothing; `apply` writes every change, or none when any row is wrong. */
  @Omittable()
  @ApiProperty({ enum: IMPORT_MODES, required: false })
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;
}

export class WorkbookQueryDto {
  /** The workbook's language; else the request's (Accept-Language, then the user's setting). */
  @Omittable()
  @ApiProperty({ enum: ['en', 'ar'], required: false })
  @IsIn(['en', 'ar'])
  lang?: 'en' | 'ar';
}
