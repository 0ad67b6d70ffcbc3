import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Organization } from './entities/organization.entity';

/** Every query on the directory of organizations. */
@Injectable()
export class OrganizationRepository {
  constructor(private readonly db: DataSource) {}

  /** The whole directory by name. */
  all(): Promise<Organization[]> {
    return this.db.getRepository(Organization).find({ order: { name: 'ASC' } });
  }

  find(id: string): Promise<Organization | null> {
    return this.db.getRepository(Organization).findOne({ where: { id } });
  }

  findByName(name: string): Promise<Organization | null> {
    return this.db.getRepository(Organization).findOne({ where: { name } });
  }

  async update(id: string, changes: Partial<Pick<Organization, 'name' | 'kind' | 'country'>>): Promise<void> {
    await this.db.getRepository(Organization).update({ id }, changes);
  }

  insert(organization: Pick<Organization, 'name' | 'kind' | 'country'>): Promise<Organization> {
    const repository = this.db.getRepository(Organization);
    return repository.save(repository.create(organization));
  }
}
