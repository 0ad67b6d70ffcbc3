import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AddressThrottlerGuard } from './address-throttler.guard';
import { ConfirmEmailDto, ResendVerificationDto, VerificationSentDto } from './dto/email-verification.dto';
import { EmailVerificationService } from './email-verification.service';
import { Public } from './public.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('auth')
@Controller('auth/email-verification')
export class EmailVerificationController {
  constructor(private readonly verification: EmailVerificationService) {}

  /** 202 whatever the address: a new link goes only to an account that is not confirmed yet. */
  @Public()
  @UseGuards(ThrottlerGuard, AddressThrottlerGuard)
  @HttpCode(202)
  @Post()
  @ApiErrors(429)
  async resend(@Body() dto: ResendVerificationDto): Promise<VerificationSentDto> {
    await this.verification.resend(dto.email);
    return { status: 'verification-sent' };
  }

  /** The link's token is the only credential: following it from any device confirms the address. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(204)
  @Post('confirm')
  @ApiErrors(429)
  confirm(@Body() dto: ConfirmEmailDto): Promise<void> {
    return this.verification.confirm(dto.token);
  }
}
