import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '../pagination';

/**
 * A documented page of `item`s (OpenAPI has no generics): `export class GroupPageDto extends PageOf(MyGroupDto) {}`
 * names the schema and types `items` for generated clients.
 */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
    nextCursor: string | null;
  }
  return PageDto;
}
