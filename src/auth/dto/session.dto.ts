import { ApiProperty } from '@nestjs/swagger';
import type { SessionRow } from '../session.repository';

/** One signed-in device of the account, as its Security screen lists it. */
export class SessionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** The User-Agent it signed in with (trimmed), or null. */
  device: string | null;
  ipAddress: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  /** To the minute: written at most once a minute. */
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  lastSeenAt: string | null;
  /** The session this request was made with. */
  current: boolean;
}

export function toSessionDto(row: SessionRow, currentSessionId: string): SessionDto {
  return {
    id: row.id,
    device: row.userAgent,
    ipAddress: row.ipAddress,
    createdAt: new Date(row.createdAt).toISOString(),
    lastSeenAt: row.lastSeenAt ? new Date(row.lastSeenAt).toISOString() : null,
    current: row.id === currentSessionId,
  };
}
