import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One 256 KiB piece of a file kept in PostgreSQL (the default file store): written as it arrives and read back one
 * at a time, so no file is ever held whole in memory. A file is the chunks of its key in `n` order.
 */
@Entity('stored_file_chunks')
export class StoredFileChunk {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @PrimaryColumn({ type: 'integer' })
  n: number;

  @Column({ type: 'bytea' })
  data: Buffer;
}
