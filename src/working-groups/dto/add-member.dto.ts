import { IsIn, IsUUID } from 'class-validator';
import { ROLES, Role } from '../../access/permission';

export class AddMemberDto {
  @IsUUID()
  userId: string;

  @IsIn(ROLES)
  role: Role;
}
