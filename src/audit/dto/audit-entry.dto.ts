import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/openapi/page.dto';

export class AuditPersonDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  displayName: string;
}

export class AuditApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  action: string;
  actor: AuditPersonDto | null;
  /** The API token the change was made with (the actor is then its service account). */
  apiToken: AuditApiTokenDto | null;
  /** The member the change was about, when there is one. */
  subject: AuditPersonDto | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

export class AuditEntryPageDto extends PageOf(AuditEntryDto) {}
