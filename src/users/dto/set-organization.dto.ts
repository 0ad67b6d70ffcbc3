import { IsUUID, ValidateIf } from 'class-validator';

/** The workspace admin sets an account's organization; null removes it. Required, so nothing changes by omission. */
export class SetOrganizationDto {
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  organizationId: string | null;
}
