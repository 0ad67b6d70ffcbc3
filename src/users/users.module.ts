import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountStatusService } from './account-status.service';
import { AdminUsersController } from './admin-users.controller';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MeController } from './me.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { WorkspaceSetupController } from './workspace-setup.controller';
import { WorkspaceSetupRepository } from './workspace-setup.repository';
import { WorkspaceSetupService } from './workspace-setup.service';

@Module({
  // AuthModule provides the users repository (sign-in needs it too) and the sessions a password change revokes.
  imports: [AuthModule, OrganizationsModule],
  controllers: [MeController, UsersController, AdminUsersController, WorkspaceSetupController],
  providers: [UsersService, AccountStatusService, WorkspaceSetupService, WorkspaceSetupRepository],
  exports: [UsersService, WorkspaceSetupService],
})
export class UsersModule {}
