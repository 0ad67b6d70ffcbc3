import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { Session } from '../auth/entities/session.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';

/** Every entity, listed once; the data source and the migration drift test read this list. */
export const ENTITIES = [Organization, User, Session, RefreshToken];
