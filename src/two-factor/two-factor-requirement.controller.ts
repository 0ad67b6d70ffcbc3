import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { TwoFactorRequirementDto } from './dto/two-factor-requirement.dto';
import { TwoFactorRequirementService } from './two-factor-requirement.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('admin/settings/two-factor')
export class TwoFactorRequirementController {
  constructor(private readonly requirement: TwoFactorRequirementService) {}

  @Get()
  get(@CurrentUser() admin: AuthUser): Promise<TwoFactorRequirementDto> {
    return this.requirement.get(admin);
  }

  @Put()
  set(@CurrentUser() admin: AuthUser, @Body() dto: TwoFactorRequirementDto): Promise<TwoFactorRequirementDto> {
    return this.requirement.set(admin, dto);
  }
}
