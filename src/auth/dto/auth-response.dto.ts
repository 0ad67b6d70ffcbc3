import { UserDto } from '../../users/dto/user.dto';

export class TokensDto {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires; refresh before then. */
  expiresIn: number;
}

export class AuthResponseDto extends TokensDto {
  user: UserDto;
}
