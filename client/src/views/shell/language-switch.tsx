import { saveLocale } from '../../api/account';
import { currentUser } from '../../api/session';
import { applyLocale, locale } from '../../i18n/i18n';
import { Icon } from '../../ui/icons';

/** Switches the language (and direction) at once, and saves it on the user so every device follows. */
export function LanguageSwitch() {
  const next = locale.value === 'ar' ? 'en' : 'ar';
  const label = next === 'ar' ? 'العربية' : 'English';
  return (
    <button
      type="button"
      class="button-quiet language"
      lang={next}
      data-testid="language-switch"
      onClick={() => {
        void applyLocale(next);
        if (currentUser.value) {
          void saveLocale(next).then(
            (user) => (currentUser.value = user),
            (error: unknown) => console.warn('could not save the language', error),
          );
        }
      }}
    >
      <Icon name="globe" />
      {label}
    </button>
  );
}
