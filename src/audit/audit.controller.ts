import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { AuditService } from './audit.service';
import { AuditEntryPageDto } from './dto/audit-entry.dto';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('audit')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('groups/:groupId/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiErrors(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: PageQueryDto,
  ): Promise<AuditEntryPageDto> {
    return this.audit.list(user, groupId, query);
  }
}
