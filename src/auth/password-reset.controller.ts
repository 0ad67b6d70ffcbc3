import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AddressThrottlerGuard } from './address-throttler.guard';
import { ConfirmPasswordResetDto, PasswordResetRequestedDto, RequestPasswordResetDto } from './dto/password-reset.dto';
import { PasswordResetService } from './password-reset.service';
import { Public } from './public.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  /** 202 whether or not the address has an account: the answer tells nobody which addresses do. */
  @Public()
  @UseGuards(ThrottlerGuard, AddressThrottlerGuard)
  @HttpCode(202)
  @Post()
  @ApiErrors(429)
  async request(@Body() dto: RequestPasswordResetDto): Promise<PasswordResetRequestedDto> {
    await this.resets.request(dto.email);
    return { status: 'reset-sent' };
  }

  /** Throttled per client: the token is 256 random bits, but a weak new password is checked here too. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(204)
  @Post('confirm')
  @ApiErrors(429)
  confirm(@Body() dto: ConfirmPasswordResetDto): Promise<void> {
    return this.resets.confirm(dto.token, dto.newPassword);
  }
}
