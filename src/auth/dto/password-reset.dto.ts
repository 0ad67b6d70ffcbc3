import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX, PASSWORD_MIN } from '../password';

export class RequestPasswordResetDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class ConfirmPasswordResetDto {
  /** The secret from the emailed link (43 characters of base64url for 256 bits; a little room either way). */
  @IsString()
  @Length(16, 128)
  token: string;

  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword: string;
}

/** What a reset request answers, whether or not the address has an account. */
export class PasswordResetRequestedDto {
  status: 'reset-sent';
}
