import { Column } from 'typeorm';

/**
 * A stored search vector PostgreSQL keeps from `text` on every write (tansiq_search_vector: Arabic and English, see
 * migration 1764890000000); never read or written by the app, found through its GIN index. The expression must be
 * the one the migration gave the column: TypeORM compares them.
 */
export function SearchVectorColumn(text: string, name = 'search_vector'): PropertyDecorator {
  return Column({
    name,
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: `tansiq_search_vector(${text})`,
  });
}
