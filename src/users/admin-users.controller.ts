import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { AccountStatusService } from './account-status.service';
import { AccountStatusDto } from './dto/account-status.dto';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

/** The workspace admin's switch on accounts. */
@ApiTags('users')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('admin/users/:userId')
export class AdminUsersController {
  constructor(private readonly status: AccountStatusService) {}

  @HttpCode(200)
  @Post('deactivate')
  @ApiErrors(404, 409)
  deactivate(@CurrentUser() admin: AuthUser, @Param('userId', UuidPipe) userId: string): Promise<AccountStatusDto> {
    return this.status.deactivate(admin, userId);
  }

  @HttpCode(200)
  @Post('reactivate')
  @ApiErrors(404)
  reactivate(@CurrentUser() admin: AuthUser, @Param('userId', UuidPipe) userId: string): Promise<AccountStatusDto> {
    return this.status.reactivate(admin, userId);
  }
}
