import { Module } from '@nestjs/common';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { WorkingGroupsController } from './working-groups.controller';
import { WorkingGroupsService } from './working-groups.service';

@Module({
  controllers: [WorkingGroupsController, MembersController, InvitationsController],
  providers: [WorkingGroupsService, MembersService, InvitationsService],
  exports: [WorkingGroupsService, MembersService],
})
export class WorkingGroupsModule {}
