import { Controller, Get, Header, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ValidationFailed } from '../common/validation.pipe';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MailRepository } from './mail.repository';
import { UnsubscribeQueryDto } from './dto/unsubscribe-query.dto';
import { UnsubscribeClaim, verifyUnsubscribe } from './mail-tokens';
import { fieldError } from '../common/errors/refusal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/**
 * One-click unsubscribe (RFC 8058), without signing in. GET only shows a button (link scanners open every link in
 * an email; they must not unsubscribe anyone); POST, from that button or from the mail client itself, does it.
 * The page is in both languages: whoever holds the link is not signed in.
 */
@ApiTags('mail')
@Public()
@Controller('mail/unsubscribe')
export class UnsubscribeController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MailRepository,
  ) {}

  // The type is set once the token is good: an error stays JSON (the error filter sets its own type too).
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiErrors(404)
  confirm(@Query() { token }: UnsubscribeQueryDto, @Res({ passthrough: true }) res: FastifyReply): string {
    this.claim(token);
    void res.type('text/html; charset=utf-8');
    const action = `/api/mail/unsubscribe?token=${encodeURIComponent(token)}`;
    return page(
      `<form method="post" action="${escapeHtml(action)}">
        <p>Stop these emails? · إيقاف هذه الرسائل؟</p>
        <button type="submit">Unsubscribe · إلغاء الاشتراك</button>
      </form>`,
    );
  }

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiErrors(404)
  async unsubscribe(
    @Query() { token }: UnsubscribeQueryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const claim = this.claim(token);
    if (!(await this.repository.unsubscribe(claim.userId, claim.type))) {
      throw new ValidationFailed([fieldError('token', 'link-invalid')]);
    }
    void res.type('text/html; charset=utf-8');
    return page(
      `<p>You will no longer receive these emails. You still see them in Tansiq, and can turn email back on in your settings.</p>
       <p dir="rtl" lang="ar">لن تصلك هذه الرسائل بالبريد بعد الآن. ستبقى تراها في تنسيق، ويمكنك إعادة تفعيلها من إعداداتك.</p>`,
    );
  }

  private claim(token: string): UnsubscribeClaim {
    const claim = verifyUnsubscribe(this.config.jwt.secret, token);
    if (!claim) {
      throw new ValidationFailed([fieldError('token', 'link-invalid')]);
    }
    return claim;
  }
}

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Tansiq · تنسيق</title></head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
