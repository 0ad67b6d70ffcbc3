import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { UuidPipe } from '../common/uuid-param.pipe';
import { PublicationDto, PublicationStateDto } from './dto/publication.dto';
import { PublishDto } from './dto/publish.dto';
import { PublicationsService } from './publications.service';

@ApiTags('progress')
@ApiBearerAuth()
@ApiErrors(401, 403, 404)
@Controller('groups/:groupId/publication')
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  /** Whether the group's progress is published, and at which address. */
  @Get()
  get(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<PublicationStateDto> {
    return this.publications.get(user, groupId);
  }

  /** Publishes the group's progress (facilitators), or changes who may find it; the address stays. Audited. */
  @Put()
  @ApiErrors(409)
  publish(
    @CurrentUser() user: AuthUser,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: PublishDto,
  ): Promise<PublicationDto> {
    return this.publications.publish(user, groupId, dto);
  }

  /** Withdraws the published page (facilitators): its address stops working. Audited. */
  @Delete()
  @HttpCode(204)
  @ApiErrors(409)
  withdraw(@CurrentUser() user: AuthUser, @Param('groupId', UuidPipe) groupId: string): Promise<void> {
    return this.publications.withdraw(user, groupId);
  }
}
