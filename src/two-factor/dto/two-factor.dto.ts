import { IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { PASSWORD_MAX } from '../../auth/password';
import { Omittable } from '../../common/dto-decorators';

/** Setting up needs the password again: a session left open on a shared computer must not be enough. */
export class SetupTwoFactorDto {
  @IsString()
  @MaxLength(PASSWORD_MAX)
  password: string;
}

/** The six digits from the authenticator app (spaces allowed between them). */
export class TwoFactorCodeDto {
  @IsString()
  @Length(6, 16)
  code: string;
}

/** A code from the app, or one of the recovery codes: exactly one of the two. */
export class TwoFactorProofDto {
  @ValidateIf((dto: TwoFactorProofDto) => dto.recoveryCode === undefined || dto.code !== undefined)
  @IsString()
  @Length(6, 16)
  code?: string;

  @Omittable()
  @IsString()
  @Length(8, 64)
  recoveryCode?: string;
}

export class DisableTwoFactorDto extends TwoFactorProofDto {
  @IsString()
  @MaxLength(PASSWORD_MAX)
  password: string;
}

/** The second sign-in step: the challenge from POST /api/auth/login, and a code or a recovery code. */
export class TwoFactorLoginDto extends TwoFactorProofDto {
  @IsString()
  @Length(16, 128)
  challenge: string;
}
