import { ApiProperty } from '@nestjs/swagger';

export const IMPORT_MODES = ['preview', 'apply'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const IMPORT_FIELDS = ['progress', 'status', 'weight'] as const;
export const IMPORT_ERROR_CODES = [
  'action-item-not-found',
  'invalid-percent',
  'note-required',
  'action-item-responsible-only',
  'duplicate-row',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export class ImportChangeDto {
  /** The sheet's row number (the header is row 1). */
  @ApiProperty({ type: 'integer' }) row: number;
  @ApiProperty({ format: 'uuid' }) actionItemId: string;
  title: string;
  @ApiProperty({ enum: IMPORT_FIELDS }) field: (typeof IMPORT_FIELDS)[number];
  /** The figure before: the claimed percent (null for a cancelled item). */
  @ApiProperty({ type: 'number', nullable: true }) from: number | null;
  @ApiProperty({ type: 'number' }) to: number;
}

export class ImportErrorDto {
  @ApiProperty({ type: 'integer' }) row: number;
  /** The column's header key: `id`, `newProgress`, `note`. */
  column: string;
  @ApiProperty({ enum: IMPORT_ERROR_CODES }) code: ImportErrorCode;
}

/** What an import did or would do; with `applied` false and errors, nothing was written. */
export class ImportResultDto {
  @ApiProperty({ enum: IMPORT_MODES }) mode: ImportMode;
  applied: boolean;
  changes: ImportChangeDto[];
  errors: ImportErrorDto[];
}
