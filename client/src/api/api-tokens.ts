import type { ApiTokenAccess, ApiTokenDto, CreatedApiTokenDto } from './server-types';
import { api } from './http';

export const listApiTokens = (groupId: string) => api<ApiTokenDto[]>('GET', `/groups/${groupId}/api-tokens`);
export const createApiToken = (groupId: string, body: { name: string; access: ApiTokenAccess }) =>
  api<CreatedApiTokenDto>('POST', `/groups/${groupId}/api-tokens`, body);
export const revokeApiToken = (id: string) => api<ApiTokenDto>('DELETE', `/api-tokens/${id}`);
