import { OrganizationKind } from '../../organizations/entities/organization.entity';

/**
 * The demo workspace: the partners of a national migration-management conference following up the
 * Global Compact for Migration. Accounts are named after their role; no invented personal names.
 */
export const DEMO_PASSWORD = 'tansiq-demo-2026';

export const DEMO_ORGANIZATIONS: { key: string; name: string; kind: OrganizationKind; country: string | null }[] = [
  { key: 'ministry', name: 'Ministry of Migration and Displaced Persons', kind: 'government', country: 'IQ' },
  { key: 'iom', name: 'International Organization for Migration (IOM)', kind: 'un-agency', country: null },
  { key: 'ngo', name: 'Migrant Rights Watch', kind: 'ngo', country: 'IQ' },
  { key: 'network', name: 'UN Network on Migration', kind: 'international-org', country: null },
  { key: 'university', name: 'University of Baghdad, Centre for Migration Studies', kind: 'academic', country: 'IQ' },
];

export const DEMO_ACCOUNTS: { email: string; displayName: string; organization: string; locale: 'en' | 'ar' }[] = [
  { email: 'admin@tansiq.demo', displayName: 'Workspace Admin', organization: 'ministry', locale: 'en' },
  {
    email: 'facilitator@tansiq.demo',
    displayName: 'Working Group Facilitator',
    organization: 'ministry',
    locale: 'ar',
  },
  { email: 'ministry.member@tansiq.demo', displayName: 'Ministry Focal Point', organization: 'ministry', locale: 'ar' },
  { email: 'iom.member@tansiq.demo', displayName: 'IOM Programme Officer', organization: 'iom', locale: 'en' },
  { email: 'ngo.member@tansiq.demo', displayName: 'NGO Legal Advisor', organization: 'ngo', locale: 'en' },
  {
    email: 'university.member@tansiq.demo',
    displayName: 'University Researcher',
    organization: 'university',
    locale: 'ar',
  },
  { email: 'observer@tansiq.demo', displayName: 'UN Network Observer', organization: 'network', locale: 'en' },
];

type DemoRole = 'facilitator' | 'member' | 'observer';

/** The conference's aims, one working group each; members by account email and role. */
export const DEMO_GROUPS: { name: string; purpose: string; objectives: number[]; members: [string, DemoRole][] }[] = [
  {
    name: 'Review of migration governance',
    purpose:
      'Review the national migration governance framework against the Global Compact for Migration. ' +
      'مراجعة إطار حوكمة الهجرة الوطني في ضوء الاتفاق العالمي من أجل الهجرة.',
    objectives: [1, 3, 23],
    members: [
      ['ministry.member@tansiq.demo', 'member'],
      ['iom.member@tansiq.demo', 'member'],
      ['ngo.member@tansiq.demo', 'member'],
      ['university.member@tansiq.demo', 'member'],
      ['observer@tansiq.demo', 'observer'],
    ],
  },
  {
    name: 'Legal pathways and irregular migration',
    purpose:
      'Widen regular pathways and reduce the drivers of irregular migration. ' +
      'توسيع المسارات النظامية للهجرة والحد من دوافع الهجرة غير النظامية.',
    objectives: [2, 5, 9],
    members: [
      ['ministry.member@tansiq.demo', 'member'],
      ['iom.member@tansiq.demo', 'facilitator'],
      ['ngo.member@tansiq.demo', 'member'],
      ['observer@tansiq.demo', 'observer'],
    ],
  },
  {
    name: 'Border management and protection',
    purpose:
      'Integrated, rights-based border management and protection of people on the move. ' +
      'إدارة متكاملة للحدود قائمة على الحقوق وحماية المهاجرين.',
    objectives: [8, 11, 13],
    members: [
      ['ministry.member@tansiq.demo', 'member'],
      ['ngo.member@tansiq.demo', 'member'],
      ['observer@tansiq.demo', 'observer'],
    ],
  },
  {
    name: 'Expatriates in national development',
    purpose:
      'Engage nationals abroad and their remittances and skills in national development. ' +
      'إشراك المغتربين وتحويلاتهم ومهاراتهم في التنمية الوطنية.',
    objectives: [19, 20],
    members: [
      ['university.member@tansiq.demo', 'member'],
      ['iom.member@tansiq.demo', 'member'],
      ['observer@tansiq.demo', 'observer'],
    ],
  },
  {
    name: 'Preparation of the regional review of the Global Compact for Migration',
    purpose:
      'Prepare the national contribution to the regional review of the Global Compact for Migration. ' +
      'إعداد المساهمة الوطنية في المراجعة الإقليمية للاتفاق العالمي من أجل الهجرة.',
    objectives: [1, 23],
    members: [
      ['ministry.member@tansiq.demo', 'member'],
      ['iom.member@tansiq.demo', 'member'],
      ['university.member@tansiq.demo', 'member'],
      ['observer@tansiq.demo', 'observer'],
    ],
  },
];
