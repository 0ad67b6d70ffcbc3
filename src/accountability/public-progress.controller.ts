import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PublishedIndexEntryDto, PublishedProgressDto } from './dto/publication.dto';
import type { PublicationVisibility } from './entities/publication.entity';
import { renderWidget } from './publication-widget';
import { PublicationsService } from './publications.service';

/** Published figures change when someone works: a minute of caching spares the database a busy embed. */
const CACHE = 'public, max-age=60';

/** The published pages' headers: cached briefly, unlisted ones kept out of search engines, no referrer passed on. */
function publishedHeaders(res: FastifyReply, visibility: PublicationVisibility | 'index'): void {
  void res.header('Cache-Control', CACHE).header('Referrer-Policy', 'no-referrer');
  if (visibility === 'unlisted') void res.header('X-Robots-Tag', 'noindex');
}

/** Published progress: no sign-in, rate-limited per client like every anonymous route. */
@ApiTags('progress')
@Public()
@UseGuards(ThrottlerGuard)
@Controller()
export class PublicProgressController {
  constructor(private readonly publications: PublicationsService) {}

  /** Groups that published their progress publicly (unlisted ones are never listed). */
  @Get('public/progress')
  async index(@Res({ passthrough: true }) res: FastifyReply): Promise<PublishedIndexEntryDto[]> {
    const entries = await this.publications.index();
    publishedHeaders(res, 'index');
    return entries;
  }

  /** A published page's figures: organization names, titles and percentages; nothing about people. */
  @Get('public/progress/:token')
  @ApiErrors(404)
  async page(
    @Param('token') token: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<PublishedProgressDto> {
    const page = await this.publications.published(token);
    publishedHeaders(res, page.visibility);
    return page;
  }

  /**
   * The embeddable widget (served at `/p/:token/widget`, outside `/api`): a static HTML page without script that any
   * site may frame; every other page keeps `frame-ancestors 'none'`.
   */
  @Get('p/:token/widget')
  @ApiQuery({ name: 'lang', enum: ['en', 'ar'], required: false })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The widget page', schema: { type: 'string' } })
  @ApiErrors(404)
  async widget(@Param('token') token: string, @Query('lang') lang: unknown, @Res() res: FastifyReply): Promise<void> {
    const published = await this.publications.publishedRow(token);
    const nonce = randomBytes(16).toString('base64');
    const html = renderWidget({
      ...published,
      locale: lang === 'ar' ? 'ar' : 'en',
      pagePath: `/p/${token}`,
      nonce,
    });
    publishedHeaders(res, published.visibility);
    // Helmet's frame refusal is set on every answer; this one page is made to be framed.
    res.raw.removeHeader('X-Frame-Options');
    void res
      .code(200)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header(
        'Content-Security-Policy',
        `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *`,
      )
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('X-Robots-Tag', 'noindex')
      .send(html);
  }
}
