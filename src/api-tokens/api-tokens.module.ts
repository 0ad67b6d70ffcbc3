import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { WorkingGroupsModule } from '../working-groups/working-groups.module';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';

/** API tokens for integrations: their service accounts join groups through the members service. */
@Module({
  imports: [AuthModule, WorkingGroupsModule],
  controllers: [ApiTokensController],
  providers: [ApiTokensService, ApiTokenRepository],
})
export class ApiTokensModule {}
