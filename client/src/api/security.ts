import { api } from './http';
import type {
  AccountStatusDto,
  RecoveryCodesDto,
  SessionDto,
  TwoFactorAudience,
  TwoFactorRequirementDto,
  TwoFactorSetupDto,
  TwoFactorStatusDto,
} from './server-types';

/** The account's second factor. */
export const loadTwoFactor = () => api<TwoFactorStatusDto>('GET', '/me/two-factor');
export const setupTwoFactor = (password: string) =>
  api<TwoFactorSetupDto>('POST', '/me/two-factor/setup', { password });
export const enableTwoFactor = (code: string) => api<RecoveryCodesDto>('POST', '/me/two-factor/enable', { code });
export const disableTwoFactor = (password: string, code: string) =>
  api<void>('DELETE', '/me/two-factor', { password, code });
export const newRecoveryCodes = (code: string) =>
  api<RecoveryCodesDto>('POST', '/me/two-factor/recovery-codes', { code });

/** The account's signed-in devices. */
export const listSessions = () => api<SessionDto[]>('GET', '/me/sessions');
export const endSession = (id: string) => api<void>('DELETE', `/me/sessions/${id}`);

/** The workspace admin's. */
export const loadTwoFactorRequirement = () => api<TwoFactorRequirementDto>('GET', '/admin/settings/two-factor');
export const saveTwoFactorRequirement = (requireFor: TwoFactorAudience[]) =>
  api<TwoFactorRequirementDto>('PUT', '/admin/settings/two-factor', { requireFor });
export const setAccountActive = (userId: string, active: boolean) =>
  api<AccountStatusDto>('POST', `/admin/users/${userId}/${active ? 'reactivate' : 'deactivate'}`);
