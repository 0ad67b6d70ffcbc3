import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Page, PageQueryDto } from '../common/pagination';
import { UuidPipe } from '../common/uuid-param.pipe';
import { AuditService } from './audit.service';
import { AuditEntryDto } from './dto/audit-entry.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('groups/:groupId/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AuditEntryDto>> {
    return this.audit.list(user, groupId, query);
  }
}
