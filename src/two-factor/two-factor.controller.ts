import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AllowedBeforeTwoFactor } from '../auth/allowed-before-two-factor.decorator';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { DisableTwoFactorDto, SetupTwoFactorDto, TwoFactorCodeDto } from './dto/two-factor.dto';
import { RecoveryCodesDto, TwoFactorSetupDto, TwoFactorStatusDto } from './dto/two-factor-answers.dto';
import { TwoFactorService } from './two-factor.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('me/two-factor')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @AllowedBeforeTwoFactor()
  @Get()
  status(@CurrentUser() user: AuthUser): Promise<TwoFactorStatusDto> {
    return this.twoFactor.status(user);
  }

  @AllowedBeforeTwoFactor()
  @HttpCode(200)
  @Post('setup')
  @ApiErrors(409)
  setup(@CurrentUser() user: AuthUser, @Body() dto: SetupTwoFactorDto): Promise<TwoFactorSetupDto> {
    return this.twoFactor.setup(user, dto);
  }

  @AllowedBeforeTwoFactor()
  @HttpCode(200)
  @Post('enable')
  @ApiErrors(409)
  enable(@CurrentUser() user: AuthUser, @Body() dto: TwoFactorCodeDto): Promise<RecoveryCodesDto> {
    return this.twoFactor.enable(user, dto);
  }

  @HttpCode(204)
  @Delete()
  disable(@CurrentUser() user: AuthUser, @Body() dto: DisableTwoFactorDto): Promise<void> {
    return this.twoFactor.disable(user, dto);
  }

  @HttpCode(200)
  @Post('recovery-codes')
  regenerate(@CurrentUser() user: AuthUser, @Body() dto: TwoFactorCodeDto): Promise<RecoveryCodesDto> {
    return this.twoFactor.regenerateRecoveryCodes(user, dto);
  }
}
