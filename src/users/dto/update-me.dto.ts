import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Omittable, Trim } from '../../common/dto-decorators';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/password';
import { LOCALES, Locale } from '../entities/user.entity';

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
