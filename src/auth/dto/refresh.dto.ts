import { IsString, Length } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';

/** Browsers send no body: their refresh token is the HttpOnly cookie. Other clients send the token here. */
export class RefreshDto {
  @Omittable()
  @IsString()
  @Length(20, 200)
  refreshToken?: string;
}
