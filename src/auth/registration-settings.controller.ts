import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from './auth-user';
import { CurrentUser } from './current-user.decorator';
import { RegistrationSettingsDto } from './dto/registration-settings.dto';
import { RegistrationSettingsService } from './registration-settings.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/settings/registration')
export class RegistrationSettingsController {
  constructor(private readonly settings: RegistrationSettingsService) {}

  @Get()
  get(@CurrentUser() admin: AuthUser): RegistrationSettingsDto {
    return this.settings.get(admin);
  }
}
