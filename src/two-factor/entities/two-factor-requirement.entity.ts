import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/** Who the workspace admin requires two-factor authentication of: the workspace admins, group facilitators. */
export const TWO_FACTOR_AUDIENCES = ['admins', 'facilitators'] as const;
export type TwoFactorAudience = (typeof TWO_FACTOR_AUDIENCES)[number];

/** One row per audience that must use two-factor authentication; no row, no requirement. */
@Entity('two_factor_requirements')
@Check('two_factor_requirements_audience_check', `"audience" IN ('admins', 'facilitators')`)
export class TwoFactorRequirement {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  audience: TwoFactorAudience;

  @Column({ name: 'set_by', type: 'uuid', nullable: true })
  setBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'set_by' })
  setter?: User | null;

  @CreateDateColumn({ name: 'set_at', type: 'timestamptz' })
  setAt: Date;
}
