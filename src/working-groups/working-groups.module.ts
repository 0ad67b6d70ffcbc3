import { Module } from '@nestjs/common';
import { InvitationRepository } from './invitation.repository';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { WorkingGroupsController } from './working-groups.controller';
import { WorkingGroupsService } from './working-groups.service';
import { WorkingGroupRepository } from './working-group.repository';

@Module({
  controllers: [WorkingGroupsController, MembersController, InvitationsController],
  providers: [WorkingGroupsService, MembersService, InvitationsService, WorkingGroupRepository, InvitationRepository],
  exports: [WorkingGroupsService, MembersService],
})
export class WorkingGroupsModule {}
