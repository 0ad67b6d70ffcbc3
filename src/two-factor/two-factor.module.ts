import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TwoFactorLoginController } from './two-factor-login.controller';
import { TwoFactorLoginService } from './two-factor-login.service';
import { TwoFactorRequirementController } from './two-factor-requirement.controller';
import { TwoFactorRequirementService } from './two-factor-requirement.service';
import { TwoFactorVerifier } from './two-factor-verifier';
import { TwoFactorController } from './two-factor.controller';
import { TwoFactorRepository } from './two-factor.repository';
import { TwoFactorService } from './two-factor.service';

/**
 * TOTP second factor: enrolment and recovery codes (the account's), the second sign-in step (public, after the
 * password step in auth/ answered a challenge), and the workspace's requirement (the admin's).
 */
@Module({
  imports: [AuthModule],
  controllers: [TwoFactorController, TwoFactorLoginController, TwoFactorRequirementController],
  providers: [
    TwoFactorService,
    TwoFactorLoginService,
    TwoFactorRequirementService,
    TwoFactorVerifier,
    TwoFactorRepository,
  ],
})
export class TwoFactorModule {}
