import { ApiProperty } from '@nestjs/swagger';
/** An organization whose people may sign in with its identity provider: a button on the sign-in screen. */
export class OfferedProviderDto {
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  organizationName: string;
}
