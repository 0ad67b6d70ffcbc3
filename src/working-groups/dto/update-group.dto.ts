import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { CreateGroupDto } from './create-group.dto';

export class UpdateGroupDto extends PartialType(CreateGroupDto) {
  /** The organization whose members may verify progress claims besides facilitators; null for none. */
  @IsOptional()
  @ValidateIf((_: unknown, value: unknown) => value !== null)
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsUUID()
  verifierOrganizationId?: string | null;
}
