import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { isTimeZone } from '../../common/time-zone';
import { Omittable, Trim } from '../../common/dto-decorators';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/password';
import { DIGEST_FREQUENCIES, DigestFrequency, LOCALES, Locale } from '../entities/user.entity';

@ValidatorConstraint({ name: 'timeZone' })
class TimeZoneName implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length <= 64 && isTimeZone(value);
  }

  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Africa/Cairo';
  }
}

/** The account's own settings. Its organization is not among them: only the workspace admin changes that. */
export class UpdateMeDto {
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 120)
  displayName?: string;

  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;

  /** Asks the admin for an organization (null withdraws the request); it counts only once granted. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  requestedOrganizationId?: string | null;

  /** The reader's time zone (IANA): dates in their emails, their working hours and their digest's hour. */
  @Omittable()
  @Validate(TimeZoneName)
  timeZone?: string;

  /** ISO weekdays off work, 1 Monday … 7 Sunday (e.g. [5, 6] for Friday–Saturday). */
  @Omittable()
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekendDays?: number[];

  /** Non-urgent email waits for [workStartHour, workEndHour) local time on a working day. */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(23)
  workStartHour?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(24)
  workEndHour?: number;

  @Omittable()
  @IsIn(DIGEST_FREQUENCIES)
  digest?: DigestFrequency;

  /** The local hour the digest comes at. */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;

  /** Changing the password needs the current one, and ends every other session. */
  @Omittable()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword?: string;

  @ValidateIf((dto: UpdateMeDto) => dto.newPassword !== undefined)
  @IsString()
  @MaxLength(PASSWORD_MAX)
  currentPassword?: string;
}
