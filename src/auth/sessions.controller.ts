import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../common/uuid-param.pipe';
import { AllowedBeforeTwoFactor } from './allowed-before-two-factor.decorator';
import { AuthUser } from './auth-user';
import { CurrentUser } from './current-user.decorator';
import { SessionDto } from './dto/session.dto';
import { SessionService } from './session.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/** The account's own signed-in devices. Open before enrolment in two-factor: ending a stolen session cannot wait. */
@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(401, 403)
@AllowedBeforeTwoFactor()
@Controller('me/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionService) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<SessionDto[]> {
    return this.sessions.list(user);
  }

  @HttpCode(204)
  @Delete(':sessionId')
  @ApiErrors(404)
  end(@CurrentUser() user: AuthUser, @Param('sessionId', UuidPipe) sessionId: string): Promise<void> {
    return this.sessions.end(user, sessionId);
  }
}
