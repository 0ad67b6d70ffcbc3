import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AccessModule } from './access/access.module';
import { AccountabilityModule } from './accountability/accountability.module';
import { PublishingModule } from './accountability/publishing.module';
import { ActionItemsModule } from './action-items/action-items.module';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { LoggingModule } from './common/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { EventsModule } from './events/events.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RateLimitModule } from './redis/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { SsoModule } from './sso/sso.module';
import { ThreadsModule } from './threads/threads.module';
import { TwoFactorModule } from './two-factor/two-factor.module';
import { UsersModule } from './users/users.module';
import { WorkingGroupsModule } from './working-groups/working-groups.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        RateLimitModule,
        JobsModule,
        EventsModule,
        AccessModule,
        AccountabilityModule,
        PublishingModule,
        AuditModule,
        RealtimeModule,
        AuthModule,
        UsersModule,
        TwoFactorModule,
        SsoModule,
        OrganizationsModule,
        WorkingGroupsModule,
        ApiTokensModule,
        NotificationsModule,
        ThreadsModule,
        ActionItemsModule,
        AttachmentsModule,
        MailModule,
        HealthModule,
        MetricsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
