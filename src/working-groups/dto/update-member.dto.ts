import { IsIn } from 'class-validator';
import { ROLES, Role } from '../../access/permission';

export class UpdateMemberDto {
  @IsIn(ROLES)
  role: Role;
}
