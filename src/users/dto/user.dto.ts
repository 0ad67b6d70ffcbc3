import { OrganizationDto, toOrganizationDto } from '../../organizations/dto/organization.dto';
import { Locale, User } from '../entities/user.entity';

export class UserDto {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  isAdmin: boolean;
  organization: OrganizationDto | null;
  createdAt: string;
}

/** The user must be loaded with its organization relation. */
export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    isAdmin: user.isAdmin,
    organization: user.organization ? toOrganizationDto(user.organization) : null,
    createdAt: user.createdAt.toISOString(),
  };
}
