import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
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
  async download(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const file = await this.links.open(token);
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    if (file.size !== null) res.setHeader('Content-Length', String(file.size));
    res.setHeader(
      'Content-Disposition',
      contentDisposition(file.name, { type: INLINE_TYPES.has(file.contentType) ? 'inline' : 'attachment' }),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', FILE_CSP);
    res.setHeader('Cache-Control', `private, max-age=${file.secondsLeft}`);
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    try {
      await pipeline(file.stream, res);
    } catch {
      // The reader went away, or the store failed mid-file: the response is cut short, nothing more to say.
      res.destroy();
    }
  }
}
