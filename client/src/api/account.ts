import { allPages, api, publicApi } from './http';
import type {
  AuthResponseDto,
  LoginAnswerDto,
  Locale,
  OfferedProviderDto,
  OrganizationDto,
  OrganizationPersonDto,
  UserDto,
} from './server-types';

/** Tokens, or (the account uses a second factor) a challenge to send with the code to loginTwoFactor. */
export const login = (email: string, password: string) =>
  publicApi<LoginAnswerDto>('POST', '/auth/login', { email, password });

export const loginTwoFactor = (challenge: string, proof: { code: string } | { recoveryCode: string }) =>
  publicApi<AuthResponseDto>('POST', '/auth/login/two-factor', { challenge, ...proof });

export const register = (form: {
  email: string;
  password: string;
  displayName: string;
  /** Only a request: the workspace admin grants an organization. */
  requestedOrganizationId?: string;
  locale: Locale;
}) => publicApi<{ status: 'verification-sent' }>('POST', '/auth/register', form);

/** Answers the same for any address; a new link goes only to an account that is not confirmed yet. */
export const requestConfirmationLink = (email: string) =>
  publicApi<{ status: 'verification-sent' }>('POST', '/auth/email-verification', { email });
export const confirmEmail = (token: string) => publicApi<void>('POST', '/auth/email-verification/confirm', { token });

/** Answers the same whether or not the address has an account; the link arrives by email if it has one. */
export const requestPasswordReset = (email: string) =>
  publicApi<{ status: 'reset-sent' }>('POST', '/auth/password-reset', { email });
export const confirmPasswordReset = (token: string, newPassword: string) =>
  publicApi<void>('POST', '/auth/password-reset/confirm', { token, newPassword });

/** Creates the first workspace admin with the setup link's token (then they sign in as anyone does). */
export const setupWorkspace = (form: {
  token: string;
  email: string;
  displayName: string;
  password: string;
  locale: Locale;
}) => publicApi<UserDto>('POST', '/setup', form);

export const loadMe = () => api<UserDto>('GET', '/me');
export const saveLocale = (locale: Locale) => api<UserDto>('PATCH', '/me', { locale });
export const listOrganizations = () => publicApi<OrganizationDto[]>('GET', '/organizations');

/** Organizations whose people sign in with their own identity provider (single sign-on). */
export const listSsoProviders = () => publicApi<OfferedProviderDto[]>('GET', '/auth/sso/providers');
/** A full-page navigation, not a fetch: the server redirects the browser to the provider and back. */
export const ssoStartUrl = (organizationId: string) => `/api/auth/sso/${encodeURIComponent(organizationId)}/start`;

/** The workspace admin's: accounts waiting for the organization they asked for, and granting it. */
export const listOrganizationRequests = () => allPages<UserDto>('/users/organization-requests');
/** An organization's people, for its admins and the workspace admin. */
export const listOrganizationPeople = (organizationId: string, list: 'members' | 'requests') =>
  allPages<OrganizationPersonDto>(`/organizations/${organizationId}/${list}`);
export const approveRequest = (organizationId: string, userId: string) =>
  api<OrganizationPersonDto>('POST', `/organizations/${organizationId}/requests/${userId}/approve`);
export const declineRequest = (organizationId: string, userId: string) =>
  api<OrganizationPersonDto>('DELETE', `/organizations/${organizationId}/requests/${userId}`);
export const endAffiliation = (organizationId: string, userId: string) =>
  api<OrganizationPersonDto>('DELETE', `/organizations/${organizationId}/members/${userId}`);
export const setOrganizationAdmin = (organizationId: string, userId: string, admin: boolean) =>
  api<OrganizationPersonDto>(admin ? 'PUT' : 'DELETE', `/organizations/${organizationId}/admins/${userId}`);

export const setOrganization = (userId: string, organizationId: string | null) =>
  api<UserDto>('PATCH', `/users/${userId}/organization`, { organizationId });

/** The workspace admin's directory of organizations: add, correct, and the email domains verified as theirs. */
export type OrganizationFields = Pick<OrganizationDto, 'name' | 'kind'> & { country?: string };
export const createOrganization = (fields: OrganizationFields) =>
  api<OrganizationDto>('POST', '/organizations', fields);
export const updateOrganization = (id: string, fields: Partial<OrganizationFields>) =>
  api<OrganizationDto>('PATCH', `/organizations/${id}`, fields);
export const setOrganizationDomains = (id: string, domains: string[]) =>
  api<OrganizationDto>('PUT', `/organizations/${id}/domains`, { domains });
