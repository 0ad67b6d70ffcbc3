import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, Max, MaxLength, Min } from 'class-validator';
import { ROLES, Role } from '../../access/permission';
import { Omittable } from '../../common/dto-decorators';

export class CreateInvitationDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsIn(ROLES)
  role: Role;

  /** Days until the invitation expires; 14 when not given. */
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays?: number;
}
