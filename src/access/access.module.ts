import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { MembershipRepository } from './membership.repository';

/** The access checks and, under them, the one home of membership queries (the members service and gateway use it). */
@Global()
@Module({ providers: [AccessService, MembershipRepository], exports: [AccessService, MembershipRepository] })
export class AccessModule {}
