import { RegistrationSettingsController } from './registration-settings.controller';
import { RegistrationSettingsService } from './registration-settings.service';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RATE_LIMIT_STORAGE } from '../redis/rate-limit.module';
import { AccountTokenRepository } from './account-token.repository';
import { AddressThrottlerGuard } from './address-throttler.guard';
import { ApiTokenAuthRepository } from './api-token-auth.repository';
import { ApiTokenAuthenticator } from './api-token-authenticator';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { EmailVerificationController } from './email-verification.controller';
import { EmailVerificationService } from './email-verification.service';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { LoginChallengeService } from './login-challenge.service';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetService } from './password-reset.service';
import { RefreshCookie } from './refresh-cookie';
import { UserRepository } from '../users/user.repository';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';
import { TokenService } from './token.service';

@Module({
  imports: [
    PassportModule,
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, RATE_LIMIT_STORAGE],
      useFactory: (config: AppConfig, storage: ThrottlerStorage) => ({
        throttlers: [{ name: 'auth', ttl: 60_000, limit: config.authRateLimitPerMinute }],
        storage,
      }),
    }),
  ],
  controllers: [
    AuthController,
    PasswordResetController,
    EmailVerificationController,
    SessionsController,
    RegistrationSettingsController,
  ],
  // The users repository is provided here, where sign-in needs it, and exported to UsersModule (which imports this).
  providers: [
    AuthService,
    TokenService,
    SessionService,
    SessionRepository,
    UserRepository,
    LocalStrategy,
    JwtStrategy,
    RefreshCookie,
    PasswordResetService,
    EmailVerificationService,
    AccountTokenRepository,
    AddressThrottlerGuard,
    ApiTokenAuthRepository,
    ApiTokenAuthenticator,
    LoginChallengeService,
    RegistrationSettingsService,
  ],
  exports: [
    TokenService,
    SessionService,
    UserRepository,
    ApiTokenAuthenticator,
    AuthService,
    RefreshCookie,
    LoginChallengeService,
    EmailVerificationService,
  ],
})
export class AuthModule {}
