import { Module } from '@nestjs/common';
import { OrganizationPeopleController } from './organization-people.controller';
import { OrganizationPeopleRepository } from './organization-people.repository';
import { OrganizationPeopleService } from './organization-people.service';
import { OrganizationRepository } from './organization.repository';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  controllers: [OrganizationsController, OrganizationPeopleController],
  providers: [OrganizationsService, OrganizationRepository, OrganizationPeopleService, OrganizationPeopleRepository],
  exports: [OrganizationsService, OrganizationRepository, OrganizationPeopleRepository],
})
export class OrganizationsModule {}
