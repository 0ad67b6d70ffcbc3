import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { toErrorResponse } from '../common/all-exceptions.filter';
import type { ErrorResponse } from '../common/error-response';
import { refusal } from '../common/errors/refusal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { requestLocale } from '../common/request-locale';
import { UuidPipe } from '../common/uuid-param.pipe';
import { ImportResultDto } from './dto/progress-import.dto';
import { ImportQueryDto, WorkbookQueryDto } from './dto/workbook-query.dto';
import { ProgressWorkbookService } from './progress-workbook.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('progress')
@ApiBearerAuth()
@ApiErrors(401, 403, 404)
@Controller('groups/:groupId')
export class ProgressWorkbookController {
  constructor(private readonly workbooks: ProgressWorkbookService) {}

  /**
   * The progress workbook, in the request's language (or `lang`): Recommendations, Objectives, Organizations, and
   * the Actions sheet whose last two columns take new progress and its note for the import.
   */
  @Get('progress.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  async export(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: WorkbookQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<Buffer> {
    const locale = query.lang ?? requestLocale({ headers: req.headers, user });
    const workbook = await this.workbooks.export(user, groupId, locale);
    void res
      .header('Content-Type', XLSX)
      .header('Content-Disposition', `attachment; filename="progress-${groupId}-${locale}.xlsx"`);
    return workbook;
  }

  /**
   * New progress from the workbook's Actions sheet (the file as the body, up to 5 MB). `preview` writes nothing;
   * `apply` writes all the changes as claims, or nothing and 422 (with the same answer) when any row is wrong.
   */
  @Post('progress/import')
  @HttpCode(200)
  @ApiConsumes(XLSX)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 409, 413, 422)
  @ApiOkResponse({ type: ImportResultDto })
  async import(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: ImportQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ImportResultDto | (ImportResultDto & ErrorResponse)> {
    const result = await this.workbooks.import(user, groupId, req.body as Buffer, query.mode ?? 'preview');
    if (result.mode !== 'apply' || result.applied || result.errors.length === 0) return result;
    // Refused as a whole: the one error body (code workbook-rows-invalid), carrying the result row by row.
    void res.code(422);
    const refused = new UnprocessableEntityException(refusal('workbook-rows-invalid'));
    return { ...toErrorResponse(refused, requestLocale({ headers: req.headers, user })), ...result };
  }
}
