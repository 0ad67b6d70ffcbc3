import type { Locale } from '../../users/entities/user.entity';
import { ar, arEmail } from '../../notifications/texts/ar';
import { en, enEmail, type EmailTextKey, type NotificationTextKey } from '../../notifications/texts/en';
import type { TextParams, Translator } from '../../notifications/texts/notification-text';

export type EmailTextKeys = NotificationTextKey | EmailTextKey;

/** A reader's language and time zone, for everything an email says. */
export interface EmailTranslator extends Translator<EmailTextKeys> {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  /** An instant (ISO 8601) as date and time where the reader is. */
  formatInstant(iso: string): string;
}

const DICTIONARIES: Record<Locale, Record<string, string>> = {
  en: { ...en, ...enEmail },
  ar: { ...ar, ...arEmail },
};

/**
 * Arabic is written with Latin digits (`nu-latn`): it is what the web client shows (browsers' CLDR data now makes
 * Latin the default for `ar`), so a date in the email matches the screen it links to, and pinning it keeps an older
 * ICU on the mail host from switching digits between one email and the next.
 */
const INTL_LOCALE: Record<Locale, string> = { en: 'en', ar: 'ar-u-nu-latn' };

// Intl objects are costly to build and the digest job renders many emails: one per locale, shape and time zone.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function memo<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let value = formats.get(key) as T | undefined;
  if (!value) formats.set(key, (value = make()));
  return value;
}

/**
 * The translator for one reader. A key missing in the reader's language falls back to English, then to the key
 * itself, so an email always goes out; the specs make sure no key is missing. Throws on an unknown time zone.
 */
export function translator(locale: Locale, timeZone: string): EmailTranslator {
  const intl = INTL_LOCALE[locale];
  const dictionary = DICTIONARIES[locale];
  const plurals = memo(`${intl}:plural`, () => new Intl.PluralRules(intl));
  const numbers = memo(`${intl}:number`, () => new Intl.NumberFormat(intl));
  // Calendar dates (due dates) are days, not instants: the same day for every reader, as in the web client.
  const days = memo(`${intl}:day`, () => new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' }));
  const instants = memo(
    `${intl}:instant:${timeZone}`,
    () => new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeStyle: 'short', timeZone }),
  );

  const fill = (text: string, params: TextParams): string =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  const lookup = (key: string): string | undefined => dictionary[key] ?? DICTIONARIES.en[key];

  return {
    locale,
    dir: locale === 'ar' ? 'rtl' : 'ltr',
    t: (key, params = {}) => fill(lookup(key) ?? key, params),
    tn: (key, count, params = {}) =>
      fill(lookup(`${key}.${plurals.select(count)}`) ?? lookup(`${key}.other`) ?? key, { count, ...params }),
    formatDay: (day) => days.format(new Date(`${day}T00:00:00Z`)),
    formatInstant: (iso) => instants.format(new Date(iso)),
  };
}
