import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ChangedField } from '../../../src/action-items/changed-field';
import { actionItemsCsv, progressReportCsv } from '../../../src/action-items/csv-exports';
import { csvTranslator } from '../../../src/action-items/csv-translator';
import type { ActionItemDto } from '../../../src/action-items/dto/action-item.dto';
import { emptySummary } from '../../../src/action-items/report-summary';
import { ACTION_STATUSES } from '../../../src/action-items/status-transitions';
import { NOTIFICATION_TYPES } from '../../../src/notifications/notification-kinds';
import type { NotificationData, NotificationDto, NotificationType } from '../api/server-types';

/*
 * The language check: everything the product says from stored facts — every kind of notification, every kind of
 * history entry, every CSV export — rendered in Arabic, must be Arabic but for the names and ids it was given. A
 * new notification type, history field, status or CSV column without its Arabic fails here.
 */

// Preact's signals ship only as an ES module, which Jest on Node 20 cannot load: a plain box does the same here.
jest.mock('@preact/signals', () => ({
  signal: <T>(value: T) => ({ value }),
  computed: <T>(read: () => T) => ({
    get value() {
      return read();
    },
  }),
}));

type I18n = typeof import('./i18n');
type NotificationText = typeof import('../views/notifications/notification-text');
type HistoryText = typeof import('../views/actions/history-text');
let i18n: I18n;
let notifications: NotificationText;
let history: HistoryText;

beforeAll(async () => {
  const store = new Map<string, string>([['tansiq.locale', 'ar']]);
  Object.assign(globalThis, {
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
    document: { documentElement: {} },
  });
  i18n = await import('./i18n');
  notifications = await import('../views/notifications/notification-text');
  history = await import('../views/actions/history-text');
  await i18n.applyLocale('ar');
});

/** The names and ids the samples carry: the only Latin text an Arabic rendering may contain. */
const NAMES = [
  'Huda Haddad',
  'Skills Partnership',
  'Recognition of skills',
  'Draft the skills note',
  'Ministry of Labour',
];
const IDS = { user: 'u1', org: 'o1', invitation: 'i1', thread: 't1' };
const ACTION_ID = '6f1c2a4e-0000-4000-8000-000000000001';

/** What is left of a text once the sample names and ids are taken out: it must hold no Latin letter. */
function latinLeft(text: string): string | null {
  let rest = text;
  for (const name of [...NAMES, ACTION_ID]) rest = rest.split(name).join('');
  // Created and updated instants are in UTC and their headers say so: the one abbreviation allowed.
  rest = rest.replace(/\(UTC\)/g, '');
  return /[A-Za-z]/.test(rest) ? rest : null;
}

/**
 * The texts that fail the check: an empty one (nothing was said), one with Latin words besides the names and ids,
 * and one with words but none in Arabic script (a date written only in digits passes).
 */
const failures = (texts: Record<string, string>) =>
  Object.entries(texts).filter(
    ([, text]) => !text.trim() || latinLeft(text) !== null || (/\p{L}/u.test(text) && !/[\u0600-\u06ff]/.test(text)),
  );

const context = { groupName: NAMES[1], actorId: IDS.user, actorName: NAMES[0] };

/** One sample per notification type (the type makes a new kind add its own) and the variants each type has. */
const SAMPLES: { [T in NotificationType]: NotificationData[T][] } = {
  'member.invited': [
    { ...context, invitationId: IDS.invitation, role: 'member' },
    { ...context, actorName: null, invitationId: IDS.invitation, role: 'observer' },
  ],
  'member.added': [{ ...context, role: 'facilitator' }],
  'member.role-changed': [{ ...context, role: 'observer', previous: 'member' }],
  'message.mentioned': [
    { ...context, threadId: IDS.thread, threadTitle: NAMES[2] },
    { ...context, actorName: null, threadId: IDS.thread, threadTitle: NAMES[2] },
  ],
  'message.replied': [{ ...context, threadId: IDS.thread, threadTitle: NAMES[2] }],
  'recommendation.created': [{ ...context, threadTitle: NAMES[2] }],
  'recommendation.closed': [
    { ...context, threadTitle: NAMES[2], outcome: 'adopted' },
    { ...context, threadTitle: NAMES[2], outcome: 'adopted-with-changes' },
    { ...context, threadTitle: NAMES[2], outcome: 'not-adopted' },
    { ...context, threadTitle: NAMES[2], outcome: null },
  ],
  'action.assigned': [
    { ...context, title: NAMES[3], dueDate: '2026-04-01', reassigned: false },
    { ...context, title: NAMES[3], dueDate: null, reassigned: false },
    { ...context, title: NAMES[3], dueDate: null, reassigned: true },
  ],
  'action.due-changed': [
    { ...context, title: NAMES[3], dueDate: '2026-04-01', previous: '2026-03-01' },
    { ...context, title: NAMES[3], dueDate: null, previous: '2026-03-01' },
  ],
  'action.status-changed': ACTION_STATUSES.flatMap((previous) =>
    ACTION_STATUSES.filter((status) => status !== previous).map((status) => ({
      ...context,
      title: NAMES[3],
      status,
      previous,
    })),
  ),
  'action.commented': [
    { ...context, title: NAMES[3], kind: 'comment' },
    { ...context, title: NAMES[3], kind: 'progress' },
  ],
  'action.due-soon': [{ ...context, title: NAMES[3], dueDate: '2026-04-01' }],
  'action.overdue': [{ ...context, title: NAMES[3], dueDate: '2026-03-01' }],
  'action.claimed': [{ ...context, title: NAMES[3], percent: 40 }],
  'action.claim-decided': [
    { ...context, title: NAMES[3], percent: 40, state: 'verified', reason: null },
    { ...context, title: NAMES[3], percent: 40, state: 'returned', reason: NAMES[2] },
  ],
  'recommendation.review': [
    {
      ...context,
      threadTitle: NAMES[2],
      recommendationId: IDS.thread,
      reviewThreadId: IDS.thread,
      reviewDate: '2026-04-01',
      claimed: 62.5,
      verified: null,
      overdue: 1,
    },
  ],
  'action.check-in': [{ ...context, title: NAMES[3], dueDate: '2026-04-01', everyDays: 14 }],
};

/** Every field a history entry records, with a before and after as the API gives them (the type asks for all). */
const CHANGES: Record<ChangedField, [unknown, unknown]> = {
  title: [NAMES[2], NAMES[3]],
  description: ['', NAMES[3]],
  leadOrganizationId: [null, IDS.org],
  supportingOrganizationIds: [[], [IDS.org]],
  focalPersonId: [IDS.user, null],
  dueDate: ['2026-03-01', '2026-04-01'],
  priority: ['low', 'high'],
  objectives: [[5], [5, 18]],
  status: ['open', 'in-progress'],
  statusReason: [null, NAMES[3]],
  weight: [1, 3],
};

describe('Arabic texts', () => {
  it('say every kind of notification in Arabic, its title and its text', () => {
    expect(NOTIFICATION_TYPES.filter((type) => SAMPLES[type].length === 0)).toEqual([]);
    const texts: Record<string, string> = {};
    for (const type of NOTIFICATION_TYPES) {
      SAMPLES[type].forEach((data, i) => {
        const n = {
          id: 'n1',
          groupId: 'g1',
          subjectType: null,
          subjectId: null,
          read: false,
          createdAt: '',
          type,
          data,
        };
        const dto = n as NotificationDto;
        texts[`${type} title`] = notifications.notificationTitle(dto);
        texts[`${type} #${i}`] = notifications.notificationText(dto);
        const hint = notifications.notificationHint(dto);
        if (hint) texts[`${type} hint`] = hint;
      });
    }
    expect(failures(texts)).toEqual([]);
  });

  it('say every kind of action history entry in Arabic: field names and values', () => {
    const names = {
      organization: (id: string) => (id === IDS.org ? NAMES[4] : undefined),
      person: (id: string) => (id === IDS.user ? NAMES[0] : undefined),
    };
    const texts: Record<string, string> = {};
    for (const [field, [before, after]] of Object.entries(CHANGES)) {
      const line = history.historyLine({ field, before, after }, names);
      texts[`${field} name`] = line.field;
      // A value that is only a name is allowed to be only Latin: check it carries nothing else.
      for (const [side, value] of Object.entries({ before: line.before, after: line.after })) {
        if (value !== '—' && latinLeft(value) !== null) texts[`${field} ${side}`] = value;
      }
      if (['status', 'priority', 'dueDate', 'objectives'].includes(field)) texts[`${field} after`] = line.after;
    }
    expect(failures(texts)).toEqual([]);
  });

  it('write every CSV export in Arabic: headers, statuses, priorities, objectives, yes and no, dates', () => {
    const tr = csvTranslator('ar');
    const items: ActionItemDto[] = ACTION_STATUSES.flatMap((status) =>
      (['high', 'medium', 'low'] as const).map((priority) => ({
        id: ACTION_ID,
        groupId: 'g1',
        title: NAMES[3],
        description: '',
        source: { type: 'recommendation' as const, id: IDS.thread, threadId: IDS.thread, title: NAMES[2] },
        leadOrganization: { id: IDS.org, name: NAMES[4] },
        supportingOrganizations: [{ id: IDS.org, name: NAMES[4] }],
        focalPerson: { id: IDS.user, displayName: NAMES[0] },
        dueDate: '2026-04-01',
        priority,
        objectives: Array.from({ length: 23 }, (_, i) => i + 1),
        status,
        statusReason: null,
        version: 1,
        overdue: status === 'open',
        attachments: [],
        evidenceCount: 2,
        progress: {
          claimed: 50,
          verified: 0,
          basis: 'status',
          claimPending: false,
          weight: 1,
          milestonesDone: 0,
          milestonesTotal: 0,
        },
        createdBy: null,
        createdAt: '2026-03-10T11:30:00.000Z',
        updatedAt: '2026-03-10T11:30:00.000Z',
      })),
    );
    const report = {
      groupId: null,
      generatedAt: '2026-03-10T11:30:00.000Z',
      totals: emptySummary(),
      byRecommendation: [{ recommendation: null, ...emptySummary() }],
      byObjective: Array.from({ length: 23 }, (_, i) => ({ objective: i + 1, ...emptySummary() })),
      byOrganization: [{ organization: null, ...emptySummary() }],
      byGroup: [{ group: { id: 'g1', name: NAMES[1] }, ...emptySummary() }],
    };
    const texts: Record<string, string> = {};
    for (const [name, csv] of Object.entries({
      actions: actionItemsCsv(items, tr),
      report: progressReportCsv(report, tr),
    })) {
      csv
        .slice(1)
        .trimEnd()
        .split('\r\n')
        .forEach((row, r) =>
          [...row.matchAll(/"((?:[^"]|"")*)"/g)].forEach(([, cell], c) => {
            // Numbers, ids and names alone are not words to translate; anything with a letter besides them is.
            if (/[A-Za-z\u0600-\u06ff]/.test(cell) && latinLeft(cell) !== null) texts[`${name} ${r}:${c}`] = cell;
            else if (r === 0) texts[`${name} header ${c}`] = cell;
          }),
        );
    }
    expect(failures(texts)).toEqual([]);
  });
});
