import { IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX } from '../password';

/** Validated by the LocalAuthGuard before passport-local runs, so bad shapes answer 400 naming the field. */
export class LoginDto {
  @IsString()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(PASSWORD_MAX)
  password: string;
}
