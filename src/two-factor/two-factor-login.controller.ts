import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientInfoOf } from '../auth/client-info';
import { AuthResponseDto } from '../auth/dto/auth-response.dto';
import { Public } from '../auth/public.decorator';
import { RefreshCookie } from '../auth/refresh-cookie';
import { TwoFactorLoginDto } from './dto/two-factor.dto';
import { TwoFactorLoginService } from './two-factor-login.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('auth')
@Controller('auth/login/two-factor')
export class TwoFactorLoginController {
  constructor(
    private readonly login: TwoFactorLoginService,
    private readonly cookie: RefreshCookie,
  ) {}

  /** Throttled per client like the password step, and by the service per address and per account. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @Post()
  @ApiErrors(401, 429)
  async complete(
    @Body() dto: TwoFactorLoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<AuthResponseDto> {
    return this.cookie.deliver(req, res, await this.login.complete(dto, clientInfoOf(req)));
  }
}
