import { t } from '../../i18n/i18n';
import { described, Field } from '../../ui/form';

/** What a new account is made of, on every screen that makes one (register, first admin). */
export interface AccountForm {
  displayName: string;
  email: string;
  password: string;
}

/** The name, email and new-password fields, with their labels, hints and server errors. */
export function AccountFields({
  form,
  errors,
  set,
}: {
  form: AccountForm;
  errors: Record<string, string | undefined>;
  set: (key: keyof AccountForm) => (event: Event) => void;
}) {
  return (
    <>
      <Field id="displayName" label={t('auth.displayName')} error={errors.displayName}>
        <input
          {...described('displayName', errors.displayName)}
          autocomplete="name"
          required
          value={form.displayName}
          onInput={set('displayName')}
          dir="auto"
        />
      </Field>
      <Field id="email" label={t('auth.email')} error={errors.email}>
        <input
          {...described('email', errors.email)}
          type="email"
          autocomplete="email"
          required
          value={form.email}
          onInput={set('email')}
        />
      </Field>
      <Field id="password" label={t('auth.password')} error={errors.password} hint={t('auth.passwordHint')}>
        <input
          {...described('password', errors.password, t('auth.passwordHint'))}
          type="password"
          autocomplete="new-password"
          minLength={10}
          required
          value={form.password}
          onInput={set('password')}
        />
      </Field>
    </>
  );
}
