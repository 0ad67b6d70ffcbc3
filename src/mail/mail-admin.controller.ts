import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { OutgoingMailDto } from './dto/outgoing-email.dto';
import { MailAdminService } from './mail-admin.service';

const RUNNABLE = ['digest.tick', 'reminders.tick'] as const;

class RunJobParams {
  @IsIn(RUNNABLE)
  name: (typeof RUNNABLE)[number];
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class MailAdminController {
  constructor(private readonly admin: MailAdminService) {}

  @Get('outgoing-mail')
  outgoing(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<OutgoingMailDto> {
    return this.admin.outgoing(user, query);
  }

  /** The message as written, as text (never HTML: the admin's browser must not render what an email carries). */
  @Get('outgoing-mail/:id/message')
  async message(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const message = await this.admin.message(user, id);
    // Set only once found: an error keeps its JSON type (express keeps a type set before it).
    res.type('text/plain; charset=utf-8');
    return new StreamableFile(message);
  }

  /** Runs a scheduled job now instead of at its next tick (the digest or reminders, after changing settings). */
  @Post('jobs/:name/run')
  @HttpCode(202)
  async run(@CurrentUser() user: AuthUser, @Param() params: RunJobParams): Promise<{ queued: true }> {
    await this.admin.run(user, params.name);
    return { queued: true };
  }
}
