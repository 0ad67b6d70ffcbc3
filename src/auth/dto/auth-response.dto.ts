import { UserDto } from '../../users/dto/user.dto';

export class TokensDto {
  accessToken: string;
  /**
   * Always set as the HttpOnly `tansiq_refresh` cookie (path /api/auth); in the body too only for clients that send
   * no `Origin` (not browsers).
   */
  refreshToken?: string;
  /** Seconds until the access token expires; refresh before then. */
  expiresIn: number;
}

export class AuthResponseDto extends TokensDto {
  user: UserDto;
}

/**
 * The answer to a right password when the account uses a second factor: no tokens yet. Send the challenge with a
 * code (or a recovery code) to POST /api/auth/login/two-factor within `expiresIn` seconds.
 */
export class TwoFactorChallengeDto {
  twoFactorRequired: true;
  challenge: string;
  expiresIn: number;
}

export type LoginAnswerDto = AuthResponseDto | TwoFactorChallengeDto;
