import { ar, arCsv, arEmail } from './ar';
import { en, enCsv, enEmail } from './en';
import { notificationText, notificationTitle, type Translator } from './notification-text';

const ARABIC_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * The families of plural keys a dictionary has: `email.digest.unread` for `email.digest.unread.one` and `.other`
 * (`notification.other` alone is an ordinary key).
 */
const pluralFamilies = (dictionary: Record<string, string>) =>
  Object.keys(dictionary)
    .filter((key) => key.endsWith('.other'))
    .map((key) => key.slice(0, -'.other'.length))
    .filter((family) => `${family}.one` in dictionary);

/** English keys, with each plural family's Arabic-only forms (zero, two, few, many) allowed beside them. */
function sameKeys(english: Record<string, string>, arabic: Record<string, string>) {
  const families = new Set(pluralFamilies(english));
  const isArabicPluralForm = (key: string) => {
    const dot = key.lastIndexOf('.');
    return families.has(key.slice(0, dot)) && ARABIC_FORMS.includes(key.slice(dot + 1));
  };
  return {
    missingInArabic: Object.keys(english).filter((key) => !(key in arabic)),
    unknownInArabic: Object.keys(arabic).filter((key) => !(key in english) && !isArabicPluralForm(key)),
  };
}

/** A translator that knows only one dictionary: a missing key comes out as the key, which the checks catch. */
const plain = (dictionary: Record<string, string>): Translator => ({
  t: (key, params = {}) => (dictionary[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name])),
  tn: (key) => key,
  formatDay: (day) => `<${day}>`,
});

const context = { groupName: 'Skills Partnership', actorId: 'u1', actorName: 'Huda Haddad' };

describe('notification dictionaries', () => {
  it('have the same keys in English and Arabic', () => {
    expect(sameKeys(en, ar)).toEqual({ missingInArabic: [], unknownInArabic: [] });
  });

  it('have the same email keys in English and Arabic', () => {
    expect(sameKeys(enEmail, arEmail)).toEqual({ missingInArabic: [], unknownInArabic: [] });
  });

  it('have the same CSV keys in English and Arabic', () => {
    expect(sameKeys(enCsv, arCsv)).toEqual({ missingInArabic: [], unknownInArabic: [] });
  });

  it('give every Arabic plural all six forms', () => {
    const incomplete = pluralFamilies({ ...enEmail, ...en }).filter((family) =>
      ARABIC_FORMS.some((form) => !(`${family}.${form}` in { ...arEmail, ...ar })),
    );
    expect(incomplete).toEqual([]);
  });

  it('write Arabic texts in Arabic script', () => {
    const notArabic = Object.entries({ ...ar, ...arEmail, ...arCsv }).filter(
      ([, text]) => !/[\u0600-\u06ff]/.test(text),
    );
    expect(notArabic).toEqual([]);
  });
});

describe('notificationText', () => {
  it('says who replied and where', () => {
    const reply = { type: 'message.replied', data: { ...context, threadId: 't1', threadTitle: 'Skills' } } as const;
    expect(notificationText(reply, plain(en))).toBe('Huda Haddad replied to you in Skills');
    expect(notificationText(reply, plain(ar))).toBe('Huda Haddad ردّ عليك في Skills');
  });

  it('says a due date changed, or was removed', () => {
    const changed = {
      type: 'action.due-changed',
      data: { ...context, title: 'Draft the note', dueDate: '2026-04-01', previous: '2026-03-01' },
    } as const;
    expect(notificationText(changed, plain(en))).toBe('Draft the note: due date changed to <2026-04-01>');
    expect(notificationText({ ...changed, data: { ...changed.data, dueDate: null } }, plain(en))).toBe(
      'Draft the note: due date removed',
    );
    expect(notificationText(changed, plain(ar))).toBe('Draft the note: تغيّر موعد الاستحقاق إلى <2026-04-01>');
  });

  it('calls an actor it has no name for "someone"', () => {
    const mention = {
      type: 'message.mentioned',
      data: { ...context, actorName: null, threadId: 't1', threadTitle: 'Skills' },
    } as const;
    expect(notificationText(mention, plain(en))).toBe('Someone mentioned you in Skills');
  });
});

describe('notificationTitle', () => {
  it('titles the two new types', () => {
    expect(notificationTitle({ type: 'message.replied' }, plain(ar))).toBe(ar['notification.replied']);
    expect(notificationTitle({ type: 'action.due-changed' }, plain(en))).toBe('Action due date changed');
  });

  it('gives a type newer than the reader a generic title', () => {
    expect(notificationTitle({ type: 'action.archived' }, plain(en))).toBe('Action item');
    expect(notificationTitle({ type: 'poll.opened' }, plain(en))).toBe('Notification');
    expect(notificationTitle({ type: 'toString' }, plain(en))).toBe('Notification');
  });
});
