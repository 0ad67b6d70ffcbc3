import { useEffect, useState } from 'preact/hooks';
import { createApiToken, listApiTokens, revokeApiToken } from '../../api/api-tokens';
import type { ApiTokenAccess, ApiTokenDto, CreatedApiTokenDto } from '../../api/server-types';
import { formatDateTime, t } from '../../i18n/i18n';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';

/** Facilitators' tokens for integrations: created here, shown once, listed with last use, revoked. */
export function ApiTokens({ groupId }: { groupId: string }) {
  const [list, setList] = useState<ApiTokenDto[]>([]);
  const [name, setName] = useState('');
  const [access, setAccess] = useState<ApiTokenAccess>('read');
  const [created, setCreated] = useState<CreatedApiTokenDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const reload = () => listApiTokens(groupId).then(setList, setError);

  useEffect(() => {
    setCreated(null);
    void reload();
  }, [groupId]);

  const accessText = (a: ApiTokenAccess) => (a === 'read' ? t('apiTokens.read') : t('apiTokens.readWrite'));

  return (
    <section class="card" aria-labelledby="api-tokens-title">
      <h2 id="api-tokens-title">{t('apiTokens.title')}</h2>
      <p class="muted">{t('apiTokens.intro')}</p>
      <form
        class="form form-row"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          createApiToken(groupId, { name: name.trim(), access }).then((answer) => {
            setCreated(answer);
            setName('');
            void reload();
          }, setError);
        }}
      >
        <Field id="api-token-name" label={t('apiTokens.name')} error={errors.name}>
          <input
            {...described('api-token-name', errors.name)}
            required
            maxLength={120}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="api-token-access" label={t('apiTokens.access')}>
          <select
            {...described('api-token-access')}
            value={access}
            onChange={(e) => setAccess(e.currentTarget.value as ApiTokenAccess)}
          >
            {(['read', 'read-write'] as ApiTokenAccess[]).map((a) => (
              <option key={a} value={a}>
                {accessText(a)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" class="button-primary" disabled={!name.trim()}>
          {t('apiTokens.create')}
        </button>
      </form>
      <ErrorNote error={Object.keys(errors).length ? null : error} />
      {created && (
        // The secret exists only in this answer: once the page changes, nobody can show it again.
        <div class="notice" role="status">
          <p>{t('apiTokens.created', { name: created.name })}</p>
          <label for="api-token-secret">{t('apiTokens.token')}</label>
          <input
            id="api-token-secret"
            readOnly
            dir="ltr"
            value={created.token}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="button-quiet" onClick={() => void navigator.clipboard?.writeText(created.token)}>
            {t('apiTokens.copy')}
          </button>
        </div>
      )}
      {list.length === 0 ? (
        <p class="muted">{t('apiTokens.none')}</p>
      ) : (
        <ul class="invitation-list" data-testid="api-tokens">
          {list.map((token) => (
            <li key={token.id}>
              <span dir="auto">{token.name}</span> · {accessText(token.access)} ·{' '}
              <span class="muted">
                {token.lastUsedAt
                  ? t('apiTokens.lastUsed', { when: formatDateTime(token.lastUsedAt) })
                  : t('apiTokens.neverUsed')}
              </span>
              {token.revokedAt ? (
                <span class="muted"> · {t('apiTokens.revoked', { when: formatDateTime(token.revokedAt) })}</span>
              ) : (
                <button
                  type="button"
                  class="button-link"
                  aria-label={t('apiTokens.revokeNamed', { name: token.name })}
                  onClick={() => revokeApiToken(token.id).then(reload, setError)}
                >
                  {t('apiTokens.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
