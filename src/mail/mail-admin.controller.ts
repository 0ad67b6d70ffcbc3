import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { JobQueuedDto, OutgoingMailDto } from './dto/outgoing-email.dto';
import { MailAdminService } from './mail-admin.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

const RUNNABLE = ['digest.tick', 'reminders.tick'] as const;

class RunJobParams {
  @IsIn(RUNNABLE)
  name: (typeof RUNNABLE)[number];
}

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('admin')
export class MailAdminController {
  constructor(private readonly admin: MailAdminService) {}

  @Get('outgoing-mail')
  outgoing(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<OutgoingMailDto> {
    return this.admin.outgoing(user, query);
  }

  /** The message as written, as text (never HTML: the admin's browser must not render what an email carries). */
  @Get('outgoing-mail/:id/message')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The message as written (MIME source)', schema: { type: 'string' } })
  @ApiErrors(404)
  async message(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const message = await this.admin.message(user, id);
    // Set only once found (the error filter answers JSON whatever was set, but be plain about it).
    void res.type('text/plain; charset=utf-8');
    return new StreamableFile(message);
  }

  /** Runs a scheduled job now instead of at its next tick (the digest or reminders, after changing settings). */
  @Post('jobs/:name/run')
  @ApiParam({ name: 'name', enum: RUNNABLE })
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobQueuedDto })
  @ApiErrors(404)
  async run(@CurrentUser() user: AuthUser, @Param() params: RunJobParams): Promise<JobQueuedDto> {
    await this.admin.run(user, params.name);
    return { queued: true };
  }
}
