import { Transform } from 'class-transformer';
import { IsIn, IsISO31661Alpha2, IsString, Length } from 'class-validator';
import { Omittable, Trim } from '../../common/dto-decorators';
import { ORGANIZATION_KINDS, OrganizationKind } from '../entities/organization.entity';

export class CreateOrganizationDto {
  @Trim()
  @IsString()
  @Length(2, 200)
  name: string;

  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @Omittable()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsISO31661Alpha2()
  country?: string;
}
