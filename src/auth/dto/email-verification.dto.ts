import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class ConfirmEmailDto {
  /** The secret from the emailed link (43 characters of base64url for 256 bits; a little room either way). */
  @IsString()
  @Length(16, 128)
  token: string;
}

export class ResendVerificationDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;
}

/** What asking for a new confirmation link answers, whether or not the address has an unconfirmed account. */
export class VerificationSentDto {
  status: 'verification-sent';
}
