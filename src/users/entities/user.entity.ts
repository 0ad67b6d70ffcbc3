import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';

export const LOCALES = ['en', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** How often the digest of unread notifications comes, if at all. */
export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'off'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** A person signs in with a password; a service account only acts through its API token (see api-tokens/). */
export const USER_KINDS = ['person', 'service'] as const;
export type UserKind = (typeof USER_KINDS)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased, so the unique index makes addresses unique case-insensitively. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  /**
   * When the account proved it reads mail at `email` (a link sent there, a password reset, an invitation's link, or an
   * identity provider that vouches for it). Until then it accepts no invitation, speaks for no organization and is
   * sent no email but the ones that prove the address.
   */
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  /** The organization the account speaks for: set by the workspace admin only, never by the account itself. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization | null;

  /** What the account asked for at registration (or later): it counts for nothing until the admin grants it. */
  @Column({ name: 'requested_organization_id', type: 'uuid', nullable: true })
  requestedOrganizationId: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_organization_id' })
  requestedOrganization?: Organization | null;

  @Column({ type: 'varchar', length: 2, default: 'en' })
  locale: Locale;

  /** IANA time zone: the dates in the reader's emails, their working hours and their digest's hour are in it. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  /** ISO weekdays off work (1 Monday … 7 Sunday): Friday and Saturday in much of the region. */
  @Column({ name: 'weekend_days', type: 'smallint', array: true, default: () => "'{6,7}'" })
  weekendDays: number[];

  /** Non-urgent email waits for [start, end) local hours of a working day. */
  @Column({ name: 'work_start_hour', type: 'smallint', default: 8 })
  workStartHour: number;

  @Column({ name: 'work_end_hour', type: 'smallint', default: 18 })
  workEndHour: number;

  @Column({ type: 'varchar', length: 8, default: 'daily' })
  digest: DigestFrequency;

  /** The local hour the digest is sent at (weekly: on the first working day of the week). */
  @Column({ name: 'digest_hour', type: 'smallint', default: 8 })
  digestHour: number;

  /** When the last digest was queued: the next one is due no sooner than a period after it. */
  @Column({ name: 'last_digest_at', type: 'timestamptz', nullable: true })
  lastDigestAt: Date | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16, default: 'person' })
  kind: UserKind;

  @Column({ name: 'is_admin', type: 'boolean', default: false })
  isAdmin: boolean;

  /** Set by the workspace admin: no sign-in, no session, no API token; what the account wrote stays. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
