import { api } from './http';
import type { IdentityProviderDto, PutIdentityProviderDto } from './server-types';

/** The workspace admin's: an organization's identity provider (404 when it has none). */
const path = (organizationId: string) => `/organizations/${encodeURIComponent(organizationId)}/identity-provider`;

export const loadIdentityProvider = (organizationId: string) => api<IdentityProviderDto>('GET', path(organizationId));
export const saveIdentityProvider = (organizationId: string, settings: PutIdentityProviderDto) =>
  api<IdentityProviderDto>('PUT', path(organizationId), settings);
export const removeIdentityProvider = (organizationId: string) => api<void>('DELETE', path(organizationId));
