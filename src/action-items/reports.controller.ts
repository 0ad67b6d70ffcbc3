import { applyDecorators, Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { requestLocale } from '../common/request-locale';
import { UuidPipe } from '../common/uuid-param.pipe';
import type { Locale } from '../users/entities/user.entity';
import { ProgressReport } from './dto/progress-report.dto';
import { ReportsService } from './reports.service';
import { Omittable } from '../common/dto-decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

export class ReportQueryDto {
  @Omittable()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  /** The first day of the period (YYYY-MM-DD): action items created from then on. */
  @Omittable()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  /** The last day of the period (YYYY-MM-DD), included. */
  @Omittable()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;
}

const periodOf = (query: ReportQueryDto) => ({ from: query.from ?? null, to: query.to ?? null });

const CSV = 'text/csv; charset=utf-8';

/** The report as JSON, or as CSV with `?format=csv`. */
const ApiReportResponse = () =>
  applyDecorators(
    ApiExtraModels(ProgressReport),
    ApiOkResponse({
      description: 'JSON, or CSV with `format=csv`',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(ProgressReport) } },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
  );

@ApiTags('reports')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  // Headers are set after the CSV is made: an error must still go out as JSON. A CSV is written in the language of
  // the request (Accept-Language, else the user's setting).
  @Get('groups/:groupId/actions.csv')
  @ApiProduces(CSV)
  @ApiOkResponse({ description: 'Every action item of the group, one per row', schema: { type: 'string' } })
  @ApiErrors(404)
  async exportCsv(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const csv = await this.reports.exportCsv(user, groupId, requestLocale({ headers: req.headers, user }));
    void res
      .header('Content-Type', CSV)
      .header('Content-Disposition', `attachment; filename="action-items-${groupId}.csv"`);
    return csv;
  }

  @Get('groups/:groupId/report')
  @ApiReportResponse()
  @ApiErrors(404)
  async group(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: ReportQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ProgressReport | string> {
    return this.answer(
      await this.reports.group(user, groupId, periodOf(query)),
      query,
      requestLocale({ headers: req.headers, user }),
      res,
    );
  }

  /** The whole workspace: the admin only. */
  @Get('report')
  @ApiReportResponse()
  async workspace(
    @CurrentUser() user: AuthUser,
    @Query() query: ReportQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.answer(
      await this.reports.workspace(user, periodOf(query)),
      query,
      requestLocale({ headers: req.headers, user }),
      res,
    );
  }

  private answer(
    report: ProgressReport,
    query: ReportQueryDto,
    locale: Locale,
    res: FastifyReply,
  ): ProgressReport | string {
    if (query.format !== 'csv') return report;
    void res.header('Content-Type', CSV).header('Content-Disposition', 'attachment; filename="progress-report.csv"');
    return this.reports.toCsv(report, locale);
  }
}
