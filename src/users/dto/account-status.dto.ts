import { ApiProperty } from '@nestjs/swagger';
/** Whether an account may sign in, as the workspace admin set it. */
export class AccountStatusDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  active: boolean;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  deactivatedAt: string | null;
}

export function toAccountStatusDto(id: string, deactivatedAt: Date | null): AccountStatusDto {
  return {
    id,
    active: deactivatedAt === null,
    deactivatedAt: deactivatedAt ? new Date(deactivatedAt).toISOString() : null,
  };
}
