import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailed } from './validation.pipe';
import { Omittable } from './dto-decorators';

/** Query of every list: an opaque cursor from the previous page and a limit of at most 100. */
export class PageQueryDto {
  @Omittable()
  @IsString()
  @MaxLength(200)
  cursor?: string;

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

/** What each part of a cursor must be, so a forged cursor is a 400 and never reaches SQL as the wrong type. */
export type CursorPart = 'string' | 'number' | 'uuid' | 'integer' | 'timestamp' | 'date';

const PART_CHECKS: Record<CursorPart, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string' && v.length <= 400,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  integer: (v) => typeof v === 'string' && /^\d{1,18}$/.test(v),
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
};

export function decodeCursor<T extends unknown[]>(cursor: string | undefined, shape: CursorPart[]): T | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((part, i) => PART_CHECKS[shape[i]](part))) {
      return key as T;
    }
  } catch {
    // fall through to the same error as a well-formed but wrong cursor
  }
  throw new ValidationFailed([{ field: 'cursor', message: 'is not a cursor this list returned' }]);
}

/** Fetch limit + 1 rows; the extra row only says whether there is a next page. */
export function toPage<T, R>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => unknown[]): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: more ? encodeCursor(key(kept[kept.length - 1])) : null };
}
