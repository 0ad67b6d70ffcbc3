import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NotificationDto } from '../../api/server-types';

type Module = typeof import('./notification-text');
type I18n = typeof import('../../i18n/i18n');
let text: Module;
let i18n: I18n;

// Preact's signals ship only as an ES module, which Jest on Node 20 cannot load: a plain box does the same here.
jest.mock('@preact/signals', () => ({
  signal: <T>(value: T) => ({ value }),
  computed: <T>(read: () => T) => ({
    get value() {
      return read();
    },
  }),
}));

beforeAll(async () => {
  // The i18n module reads the saved locale when it loads: give it the little of a browser it touches.
  const store = new Map<string, string>([['tansiq.locale', 'en']]);
  Object.assign(globalThis, {
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
    document: { documentElement: {} },
  });
  i18n = await import('../../i18n/i18n');
  text = await import('./notification-text');
});

const base = { id: 'n1', groupId: 'g1', read: false, createdAt: '2026-03-10T11:30:00Z' };
const context = { groupName: 'Skills', actorId: 'u1', actorName: 'Huda Facilitator' };

const reply: NotificationDto = {
  ...base,
  type: 'message.replied',
  subjectType: 'message',
  subjectId: 'm2',
  data: { ...context, threadId: 't1', threadTitle: 'Recognition of skills' },
};
const dueChanged: NotificationDto = {
  ...base,
  type: 'action.due-changed',
  subjectType: 'action',
  subjectId: 'a1',
  data: { ...context, title: 'Draft the skills note', dueDate: null, previous: '2026-03-01' },
};

describe('client notification text', () => {
  it('says notifications in the reader’s language through the shared texts', async () => {
    await i18n.applyLocale('en');
    expect(text.notificationText(reply)).toBe('Huda Facilitator replied to you in Recognition of skills');
    expect(text.notificationTitle(dueChanged)).toBe('Action due date changed');
    await i18n.applyLocale('ar');
    expect(text.notificationText(dueChanged)).toBe('Draft the skills note: أُلغي موعد الاستحقاق');
    await i18n.applyLocale('en');
  });

  it('shows the stored English text of a row from before type + data', () => {
    const legacy = { ...reply, type: 'message.mentioned', data: { text: 'Old text' } } as NotificationDto;
    expect(text.notificationText(legacy)).toBe('Old text');
  });

  it('leads a reply to the message in its thread and a due-date change to the action', () => {
    expect(text.notificationHref(reply)).toBe('/groups/g1/threads/t1?message=m2');
    expect(text.notificationHref(dueChanged)).toBe('/actions/a1');
  });
});
