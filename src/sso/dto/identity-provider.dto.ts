import { ApiProperty } from '@nestjs/swagger';
import { IdentityProvider } from '../entities/identity-provider.entity';

/** An organization's identity provider as the workspace admin sees it: never the secret, only whether there is one. */
export class IdentityProviderDto {
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  issuer: string;
  clientId: string;
  hasSecret: boolean;
  allowedDomains: string[];
  enabled: boolean;
  /** What to register at the provider as the redirect URI: `${PUBLIC_URL}/api/auth/sso/callback`. */
  redirectUri: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export function toIdentityProviderDto(
  provider: IdentityProvider,
  hasSecret: boolean,
  redirectUri: string,
): IdentityProviderDto {
  return {
    organizationId: provider.organizationId,
    issuer: provider.issuer,
    clientId: provider.clientId,
    hasSecret,
    allowedDomains: provider.allowedDomains,
    enabled: provider.enabled,
    redirectUri,
    updatedAt: provider.updatedAt.toISOString(),
  };
}
