import { clientInfoOf } from '../auth/client-info';
import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiFoundResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/public.decorator';
import { readCookie, RefreshCookie } from '../auth/refresh-cookie';
import { OfferedProviderDto } from './dto/offered-provider.dto';
import { SSO_LOGIN_TTL_MS, SsoOutcome, SsoService } from './sso.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { setCookie } from '../common/set-cookie';

/**
 * Binds a sign-in to the browser that started it. SameSite=Lax: the provider's redirect back is a cross-site
 * navigation, which Lax lets through and Strict would not; sent only to the single sign-on routes.
 */
export const SSO_COOKIE = 'tansiq_sso';
const SSO_COOKIE_PATH = '/api/auth/sso';
const LOCATION = { Location: { description: 'Where the browser goes next', schema: { type: 'string' as const } } };

/**
 * Sign-in through an organization's OpenID Provider. Browser navigations, not API calls: every answer is a redirect
 * (to the provider, or back to the client, with the session's cookie or an error code), never a JSON error page.
 */
@ApiTags('single sign-on')
@Controller('auth/sso')
export class SsoController {
  constructor(
    private readonly sso: SsoService,
    private readonly refreshCookie: RefreshCookie,
  ) {}

  @Public()
  @Get('providers')
  providers(): Promise<OfferedProviderDto[]> {
    return this.sso.offered();
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Get(':organizationId/start')
  @ApiFoundResponse({ description: 'To the organization’s OpenID Provider', headers: LOCATION })
  @ApiErrors(404)
  async start(
    @Param('organizationId') organizationId: string,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const outcome = await this.sso.start(organizationId, readCookie(req.headers.cookie, SSO_COOKIE));
    setCookie(res, SSO_COOKIE, outcome.browser, {
      httpOnly: true,
      sameSite: 'lax',
      path: SSO_COOKIE_PATH,
      secure: this.refreshCookie.secure(req),
      maxAge: SSO_LOGIN_TTL_MS,
    });
    this.redirect(res, outcome);
  }

  /** The provider's query string goes to openid-client whole: providers add parameters of their own. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Get('callback')
  @ApiFoundResponse({
    description: 'To the web client, signed in (refresh cookie) or with the reason',
    headers: LOCATION,
  })
  async callback(@Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const at = req.url.indexOf('?');
    const search = at < 0 ? '' : req.url.slice(at);
    const outcome = await this.sso.callback(search, readCookie(req.headers.cookie, SSO_COOKIE), clientInfoOf(req));
    // The same refresh cookie as a password sign-in; the client then refreshes for an access token.
    if (outcome.session) this.refreshCookie.deliver(req, res, outcome.session);
    this.redirect(res, outcome);
  }

  private redirect(res: FastifyReply, outcome: SsoOutcome): void {
    // Neither the provider's redirect (it holds the state) nor ours may be kept by a cache or sent on as a referrer.
    void res
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .redirect(outcome.redirect, 302);
  }
}
