import { listSsoProviders, ssoStartUrl } from '../../api/account';
import type { SsoRefusalCode } from '../../api/server-types';
import type { MessageKey } from '../../i18n/en';
import { t } from '../../i18n/i18n';
import { location } from '../../router';
import { useLoad } from '../../ui/use-load';

/** What each refusal of the server's single sign-on (`/login?sso-error=<code>`) says to the reader. */
const REFUSALS: Record<SsoRefusalCode, MessageKey> = {
  'sso-unavailable': 'auth.sso.unavailable',
  'sso-provider-unreachable': 'auth.sso.providerUnreachable',
  'sso-state-invalid': 'auth.sso.stateInvalid',
  'sso-expired': 'auth.sso.expired',
  'sso-denied': 'auth.sso.denied',
  'sso-response-invalid': 'auth.sso.responseInvalid',
  'sso-email-unverified': 'auth.sso.emailUnverified',
  'sso-domain-not-allowed': 'auth.sso.domainNotAllowed',
  'sso-account-unavailable': 'auth.sso.accountUnavailable',
  'sso-failed': 'auth.sso.failed',
};

/** Why the last single sign-on came back refused, in the reader's language; null when it did not. */
export function SsoRefusal() {
  const code = location.value.query.get('sso-error');
  if (!code) return null;
  const key = (REFUSALS as Record<string, MessageKey | undefined>)[code] ?? 'auth.sso.failed';
  return (
    <p class="error-note" role="alert" data-testid="sso-error">
      {t(key)}
    </p>
  );
}

/**
 * "Sign in with <organization>", one per organization with an identity provider. Plain links, not fetches: the
 * browser itself goes to the server, the provider and back (the session arrives as the refresh cookie).
 */
export function SsoButtons() {
  const providers = useLoad(listSsoProviders, []);
  if (!providers.data || providers.data.length === 0) return null;
  return (
    <section aria-labelledby="sso-heading" data-testid="sso-providers">
      <h2 id="sso-heading">{t('auth.ssoHeading')}</h2>
      <ul class="sso-providers">
        {providers.data.map((provider) => (
          <li key={provider.organizationId}>
            <a class="button-quiet" href={ssoStartUrl(provider.organizationId)}>
              {t('auth.ssoSignIn', { name: provider.organizationName })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
