import { ApiProperty } from '@nestjs/swagger';
import { OrganizationDto, toOrganizationDto } from '../../organizations/dto/organization.dto';
import { DigestFrequency, Locale, User } from '../entities/user.entity';
import { PageOf } from '../../common/openapi/page.dto';

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  isAdmin: boolean;
  /** The account proved it reads mail at its address; until then it is not invited, affiliated or sent email. */
  emailVerified: boolean;
  /** Granted by the workspace admin: what the account speaks for (lead organization, tallies). */
  organization: OrganizationDto | null;
  /** An admin of `organization`: sees and manages its people. */
  organizationAdmin: boolean;
  /** Asked for and not yet granted: counts for nothing. */
  requestedOrganization: OrganizationDto | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  /** When email reaches the account: its time zone, days off, working hours and digest. */
  mailSchedule: MailScheduleDto;
}

export class UserPageDto extends PageOf(UserDto) {}

export class MailScheduleDto {
  timeZone: string;
  weekendDays: number[];
  workStartHour: number;
  workEndHour: number;
  digest: DigestFrequency;
  digestHour: number;
}

/** The user must be loaded with its organization and requestedOrganization relations. */
export function toUserDto(user: User & { organizationAdmin?: boolean }): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    isAdmin: user.isAdmin,
    emailVerified: user.emailVerifiedAt !== null,
    organization: user.organization ? toOrganizationDto(user.organization) : null,
    organizationAdmin: user.organizationAdmin ?? false,
    requestedOrganization: user.requestedOrganization ? toOrganizationDto(user.requestedOrganization) : null,
    createdAt: user.createdAt.toISOString(),
    mailSchedule: {
      timeZone: user.timeZone,
      weekendDays: user.weekendDays,
      workStartHour: user.workStartHour,
      workEndHour: user.workEndHour,
      digest: user.digest,
      digestHour: user.digestHour,
    },
  };
}
