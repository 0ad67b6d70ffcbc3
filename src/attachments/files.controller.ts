import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { FileLinksService } from './file-links.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/** Types a browser may show in the page rather than save: images it decodes itself, and PDF in its viewer. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/** Whatever a served file is, it cannot run script, load anything, or be framed or read by another site. */
const FILE_CSP = "default-src 'none'; sandbox; style-src 'unsafe-inline'";

@ApiTags('attachments')
@Controller()
export class FilesController {
  constructor(private readonly links: FileLinksService) {}

  /**
   * A file behind a signed link (from `POST /api/attachments/links`); no bearer token, so an `<img>` or a download
   * works. 404 when the link is bad, expired, or its user can no longer read the group. The name is for the
   * browser's benefit only.
   */
  @Public()
  @Get('files/:token/:name')
  @ApiParam({ name: 'name', description: 'The file name, for the browser only' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404)
  async download(@Param('token') token: string, @Res() res: FastifyReply): Promise<void> {
    const file = await this.links.open(token);
    void res.code(200).header('Content-Type', file.contentType);
    if (file.size !== null) void res.header('Content-Length', String(file.size));
    void res
      .header(
        'Content-Disposition',
        contentDisposition(file.name, { type: INLINE_TYPES.has(file.contentType) ? 'inline' : 'attachment' }),
      )
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', FILE_CSP)
      .header('Cache-Control', `private, max-age=${file.secondsLeft}`)
      .header('Cross-Origin-Resource-Policy', 'same-origin');
    // Streamed as read; should the reader go away or the store fail mid-file, Fastify cuts the response short.
    void res.send(file.stream);
  }
}
