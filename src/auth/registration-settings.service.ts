import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { refusal } from '../common/errors/refusal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AuthUser } from './auth-user';
import { RegistrationSettingsDto } from './dto/registration-settings.dto';

/** The registration policy, shown to the workspace admin; it is set in the server's environment, not here. */
@Injectable()
export class RegistrationSettingsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get(admin: AuthUser): RegistrationSettingsDto {
    if (!admin.isAdmin || admin.apiToken) throw new ForbiddenException(refusal('workspace-admin-only'));
    return { mode: this.config.registration.mode, domains: [...this.config.registration.domains] };
  }
}
