import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/password';
import { Omittable, Trim } from '../../common/dto-decorators';
import { LOCALES, Locale } from '../entities/user.entity';

/** The first workspace admin, created with the setup link's token. */
export class SetupDto {
  @IsString()
  @Length(16, 128)
  token: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Trim()
  @IsString()
  @Length(1, 120)
  displayName: string;

  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password: string;

  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;
}
