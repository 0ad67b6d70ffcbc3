import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { UuidPipe } from '../common/uuid-param.pipe';
import { SetOrganizationDomainsDto } from './dto/organization-people.dto';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import { UpdateOrganizationDto } from './dto/update-organization.dto';
import { OrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Public()
  @Get()
  list(): Promise<OrganizationDto[]> {
    return this.organizations.list();
  }

  @ApiBearerAuth()
  @Post()
  @ApiErrors(409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(user, dto);
  }

  @ApiBearerAuth()
  @Patch(':organizationId')
  update(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return this.organizations.update(user, organizationId, dto);
  }

  @ApiBearerAuth()
  @Put(':organizationId/domains')
  @ApiErrors(404, 409)
  setDomains(
    @CurrentUser() user: AuthUser,
    @Param('organizationId', UuidPipe) organizationId: string,
    @Body() dto: SetOrganizationDomainsDto,
  ): Promise<OrganizationDto> {
    return this.organizations.setDomains(user, organizationId, dto);
  }
}
