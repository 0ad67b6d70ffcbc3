import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { WorkingGroup } from '../../working-groups/entities/working-group.entity';

export const PUBLICATION_VISIBILITIES = ['unlisted', 'public'] as const;
export type PublicationVisibility = (typeof PUBLICATION_VISIBILITIES)[number];

/**
 * A group's published, read-only progress page. `unlisted`: reachable only by its unguessable token; `public`: also
 * listed on the workspace's public index. Unpublishing deletes the row, and the token with it.
 */
@Entity('publications')
@Index('publications_token_idx', ['token'], { unique: true })
@Check('publications_visibility_check', `"visibility" IN ('unlisted', 'public')`)
export class Publication {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  /**
   * 32 random bytes, base64url: the page's address. Kept as it is (not hashed): the address is meant to be shared,
   * and a facilitator must be able to see it again; it grants reading figures that are meant to be public anyway.
   */
  @Column({ type: 'varchar', length: 64 })
  token: string;

  @Column({ type: 'varchar', length: 16 })
  visibility: PublicationVisibility;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'published_by' })
  publishedBy?: User | null;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
