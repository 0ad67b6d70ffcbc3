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
