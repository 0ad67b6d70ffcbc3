import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, Max, Min, ValidateIf } from 'class-validator';

/** Trims surrounding white space before validation, so "  " is empty and names compare as typed. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Global Compact for Migration objective tags: distinct whole numbers from 1 to 23. */
export const GcmObjectives = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(23),
    ArrayUnique(),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(23, { each: true }),
  );

/**
 * May be left out. Unlike class-validator's @IsOptional, null is refused like any other wrong type: left through,
 * it would reach a NOT NULL column or code expecting a value (a 500, not a 400). @IsOptional is kept for the
 * fields where null means something (clearing a due date, leaving an organization).
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
