import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { IdentityProvidersController } from './identity-providers.controller';
import { IdentityProvidersService } from './identity-providers.service';
import { OidcClient } from './oidc-client';
import { SsoController } from './sso.controller';
import { SsoRepository } from './sso.repository';
import { SsoService } from './sso.service';

/** Single sign-on with OpenID Connect: each organization's identity provider, and signing in through it. */
@Module({
  // AuthModule: a sign-in here ends in the same session and refresh cookie as a password sign-in.
  imports: [AuthModule],
  controllers: [SsoController, IdentityProvidersController],
  providers: [SsoService, IdentityProvidersService, SsoRepository, OidcClient],
})
export class SsoModule {}
