import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AuthService } from './auth.service';
import { refusal } from '../common/errors/refusal';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  /** Resolves to the user id; the controller starts the session. */
  async validate(email: string, password: string): Promise<{ id: string }> {
    const id = await this.auth.checkCredentials(email, password);
    if (!id) throw new UnauthorizedException(refusal('credentials-wrong'));
    return { id };
  }
}
