import { Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
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

  @Get('outgoing-mail/:id/message')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  async message(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.admin.message(user, id));
  }

  /** Runs a scheduled job now instead of at its next tick (the digest or reminders, after changing settings). */
  @Post('jobs/:name/run')
  @HttpCode(202)
  async run(@CurrentUser() user: AuthUser, @Param() params: RunJobParams): Promise<{ queued: true }> {
    await this.admin.run(user, params.name);
    return { queued: true };
  }
}
