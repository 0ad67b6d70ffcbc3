import { ApiProperty } from '@nestjs/swagger';
/** What the two-factor routes answer (no imports: the web client type-checks these). */

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
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  enabledAt: string | null;
  /** Set up and waiting for the first code. */
  pending: boolean;
  recoveryCodesLeft: number;
  /** The workspace requires a second factor of this account (an admin, or a facilitator). */
  required: boolean;
}
