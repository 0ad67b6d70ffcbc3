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

/** The secret once, for the app: typed by hand, or read from the URI's QR code. */
export class TwoFactorSetupDto {
  /** Base32, for typing into the app by hand. */
  secret: string;
  /** otpauth://totp/Tansiq:<email>?secret=…&issuer=Tansiq */
  otpauthUri: string;
  /** The URI as a QR code: an SVG data URL for an <img>. */
  qrCode: string;
}

/** The recovery codes, shown this once: only their hashes are kept. */
export class RecoveryCodesDto {
  recoveryCodes: string[];
}

export class TwoFactorStatusDto {
  enabled: boolean;
  enabledAt: string | null;
  /** Set up and waiting for the first code. */
  pending: boolean;
  recoveryCodesLeft: number;
  /** The workspace requires a second factor of this account (an admin, or a facilitator). */
  required: boolean;
}
