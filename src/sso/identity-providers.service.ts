import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { ValidationFailed } from '../common/validation.pipe';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { sealClientSecret } from './client-secret';
import { IdentityProviderDto, toIdentityProviderDto } from './dto/identity-provider.dto';
import { PutIdentityProviderDto } from './dto/put-identity-provider.dto';
import { OidcClient } from './oidc-client';
import { SsoRepository } from './sso.repository';
import { fieldError, refusal } from '../common/errors/refusal';

/** The workspace admin's settings of each organization's identity provider. */
@Injectable()
export class IdentityProvidersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly sso: SsoRepository,
    private readonly oidc: OidcClient,
  ) {}

  async get(admin: AuthUser, organizationId: string): Promise<IdentityProviderDto> {
    requireAdmin(admin);
    return this.load(organizationId);
  }

  async put(admin: AuthUser, organizationId: string, dto: PutIdentityProviderDto): Promise<IdentityProviderDto> {
    requireAdmin(admin);
    this.checkIssuer(dto.issuer);
    if (!(await this.sso.organizationExists(organizationId)))
      throw new NotFoundException(refusal('organization-not-found'));
    const clientSecretSealed =
      dto.clientSecret === undefined
        ? undefined
        : dto.clientSecret === null
          ? null
          : sealClientSecret(this.config.jwt.secret, dto.clientSecret);
    await this.db.transaction((tx) =>
      this.sso.upsert(tx, organizationId, {
        issuer: dto.issuer,
        clientId: dto.clientId,
        clientSecretSealed,
        allowedDomains: dto.allowedDomains,
        enabled: dto.enabled ?? true,
      }),
    );
    return this.load(organizationId);
  }

  async remove(admin: AuthUser, organizationId: string): Promise<void> {
    requireAdmin(admin);
    if (!(await this.sso.delete(organizationId))) throw new NotFoundException(refusal('identity-provider-not-found'));
  }

  private async load(organizationId: string): Promise<IdentityProviderDto> {
    const provider = await this.sso.findWithSecret(organizationId);
    if (!provider) throw new NotFoundException(refusal('identity-provider-not-found'));
    return toIdentityProviderDto(provider, provider.clientSecretSealed !== null, this.oidc.redirectUri);
  }

  /** The ID token's keys and the code exchange travel on this connection: https, unless the operator allowed http. */
  private checkIssuer(issuer: string): void {
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw new ValidationFailed([fieldError('issuer', 'issuer-not-url')]);
    }
    if (url.search || url.hash || url.username || url.password) {
      throw new ValidationFailed([fieldError('issuer', 'issuer-has-extras')]);
    }
    if (url.protocol !== 'https:' && !this.config.ssoAllowInsecureHttp) {
      throw new ValidationFailed([fieldError('issuer', 'issuer-not-https')]);
    }
  }
}

function requireAdmin(user: AuthUser): void {
  if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
}
