import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailed } from './validation.pipe';
import { Omittable } from './dto-decorators';
import { fieldError } from './errors/refusal';

/** Query of every list: an opaque cursor from the previous page and a limit of at most 100. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'The previous page’s nextCursor', maxLength: 200 })
  @Omittable()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Cursors are base64url JSON of the sort key of the last item: opaque to clients, stable under inserts. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What each part of a cursor must be, so a forged cursor is a 400 and never reaches SQL as the wrong type or out of
 * the column's range: `int4` a JSON integer within PostgreSQL's integer, `int8` a decimal string within bigint
 * (non-negative: ids and seqs), `timestamp` an ISO instant and `date` a calendar day, both real (no February 30,
 * no hour 24) and within years 1 to 9999 (PostgreSQL has no year 0), `text` without NUL (PostgreSQL text cannot
 * hold it), `uuid` a uuid.
 */
export type CursorPart = 'text' | 'int4' | 'int8' | 'uuid' | 'timestamp' | 'date';

const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;
const INT8_MAX = 9_223_372_036_854_775_807n;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?Z$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real day and time of years 1 to 9999: Date rolls February 30 over to March, so compare what it made. */
function realInstant(parts: string[]): boolean {
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts.map(Number);
  if (year < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const made = new Date(0);
  made.setUTCFullYear(year, month - 1, day);
  return made.getUTCFullYear() === year && made.getUTCMonth() === month - 1 && made.getUTCDate() === day;
}

const PART_CHECKS: Record<CursorPart, (value: unknown) => string | null> = {
  text: (v) => (typeof v === 'string' && v.length <= 400 && !v.includes('\u0000') ? null : 'text without NUL'),
  int4: (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= INT4_MIN && v <= INT4_MAX ? null : 'a 32-bit integer',
  int8: (v) => (typeof v === 'string' && /^\d{1,19}$/.test(v) && BigInt(v) <= INT8_MAX ? null : 'a 64-bit integer'),
  uuid: (v) =>
    typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
      ? null
      : 'a uuid',
  timestamp: (v) => {
    const m = typeof v === 'string' ? TIMESTAMP.exec(v) : null;
    return m && realInstant(m.slice(1, 7)) ? null : 'an instant of years 1 to 9999';
  },
  date: (v) => {
    const m = typeof v === 'string' ? DATE.exec(v) : null;
    return m && realInstant(m.slice(1, 4)) ? null : 'a date of years 1 to 9999';
  },
};

/** Why a cursor is not one this list returned, or null when every part has the right type and range. */
export function cursorProblem(key: unknown, shape: CursorPart[]): string | null {
  if (!Array.isArray(key) || key.length !== shape.length) return `must encode ${shape.length} values`;
  for (let i = 0; i < shape.length; i += 1) {
    const problem = PART_CHECKS[shape[i]](key[i]);
    if (problem) return `value ${i + 1} must be ${problem}`;
  }
  return null;
}

export function decodeCursor<T extends unknown[]>(cursor: string | undefined, shape: CursorPart[]): T | null {
  if (!cursor) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const problem = key === undefined ? 'is not base64url JSON' : cursorProblem(key, shape);
  if (problem === null) return key as T;
  throw new ValidationFailed([fieldError('cursor', 'cursor-invalid')]);
}

/** Fetch limit + 1 rows; the extra row only says whether there is a next page. */
export function toPage<T, R>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => unknown[]): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: more ? encodeCursor(key(kept[kept.length - 1])) : null };
}
