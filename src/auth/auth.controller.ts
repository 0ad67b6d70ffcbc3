import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { AllowedBeforeTwoFactor } from './allowed-before-two-factor.decorator';
import { clientInfoOf } from './client-info';
import { AuthResponseDto, LoginAnswerDto, TokensDto, TwoFactorChallengeDto } from './dto/auth-response.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { RegisterDto, RegisteredDto } from './dto/register.dto';
import { AddressThrottlerGuard } from './address-throttler.guard';
import { LocalAuthGuard } from './local-auth.guard';
import { Public } from './public.decorator';
import { RefreshCookie } from './refresh-cookie';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: RefreshCookie,
  ) {}

  /**
   * 202 whether or not the address has an account: the email sent to it says which (a confirmation link, or that it
   * already has an account). Nobody is signed in until the address is confirmed. Throttled per client and per address,
   * so nobody floods a mailbox.
   */
  @Public()
  @UseGuards(ThrottlerGuard, AddressThrottlerGuard)
  @HttpCode(202)
  @Post('register')
  @ApiErrors(409, 429)
  async register(@Body() dto: RegisterDto): Promise<RegisteredDto> {
    await this.auth.register(dto);
    return { status: 'verification-sent' };
  }

  @Public()
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @HttpCode(200)
  @Post('login')
  @ApiExtraModels(AuthResponseDto, TwoFactorChallengeDto)
  @ApiOkResponse({
    description: 'The tokens, or a two-factor challenge when the account has a second factor',
    schema: { oneOf: [{ $ref: getSchemaPath(AuthResponseDto) }, { $ref: getSchemaPath(TwoFactorChallengeDto) }] },
  })
  @ApiErrors(401, 403, 429)
  async login(
    @CurrentUser() user: { id: string },
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<LoginAnswerDto> {
    const answer = await this.auth.login(user.id, clientInfoOf(req));
    // With a second factor there are no tokens yet, so no cookie: the challenge goes on to /login/two-factor.
    return 'twoFactorRequired' in answer ? answer : this.cookie.deliver(req, res, answer);
  }

  /** Not throttled: a refresh token is 256 random bits, nothing to guess. The token: body, else the cookie. */
  @Public()
  @HttpCode(200)
  @Post('refresh')
  @ApiErrors(401, 429)
  async refresh(
    @Body() dto: RefreshDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<TokensDto> {
    const { token, fromCookie } = this.cookie.tokenOf(req, dto.refreshToken);
    try {
      return this.cookie.deliver(req, res, await this.auth.refresh(token, clientInfoOf(req)));
    } catch (error) {
      if (fromCookie) this.cookie.clear(req, res); // a dead cookie is not sent again
      throw error;
    }
  }

  @ApiBearerAuth()
  @AllowedBeforeTwoFactor()
  @HttpCode(204)
  @Post('logout')
  async logout(
    @CurrentUser() user: AuthUser,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(user);
    this.cookie.clear(req, res);
  }
}
