import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import { Omittable, Trim } from '../../common/dto-decorators';
import { LOCALES, Locale } from '../../users/entities/user.entity';
import { PASSWORD_MAX, PASSWORD_MIN } from '../password';

export class RegisterDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password: string;

  @Trim()
  @IsString()
  @Length(1, 120)
  displayName: string;

  /** The organization the account asks to speak for: a request, which counts only once the admin grants it. */
  @Omittable()
  @IsUUID()
  requestedOrganizationId?: string;

  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;
}

/** What registering answers, whether or not the address already had an account. */
export class RegisteredDto {
  status: 'verification-sent';
}
