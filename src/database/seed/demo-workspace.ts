import { OrganizationKind } from '../../organizations/entities/organization.entity';

/**
 * The demo workspace: the partners of a national migration-management conference following up the
 * Global Compact for Migration. Accounts are named after their role; no invented personal names.
 */
export const DEMO_PASSWORD = 'olive-lantern-2026';

export const DEMO_ORGANIZATIONS: { key: string; name: string; kind: OrganizationKind; country: string | null }[] = [
  { key: 'ministry', name: 'Ministry of Migration and Displaced Persons', kind: 'government', country: 'IQ' },
  { key: 'iom', name: 'International Organization for Migration (IOM)', kind: 'un-agency', country: null },
  { key: 'ngo', name: 'Migrant Rights Watch', kind: 'ngo', country: 'IQ' },
  { key: 'network', name: 'UN Network on Migration', kind: 'international-org', country: null },
  { key: 'university', name: 'University of Baghdad, Centre for Migration Studies', kind: 'academic', country: 'IQ' },
];

/** The demo's workspace admin: made one directly by the seed, since registering makes nobody admin. */
export const DEMO_ADMIN = 'admin@tansiq.demo';

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

/** Discussions in English and Arabic, by group name; authors and messages by account email. */
export const DEMO_THREADS: {
  group: string;
  title: string;
  author: string;
  objectives?: number[];
  messages: [string, string][];
}[] = [
  {
    group: 'Review of migration governance',
    title: 'Mapping the institutions responsible for migration governance',
    author: 'facilitator@tansiq.demo',
    objectives: [1, 23],
    messages: [
      [
        'facilitator@tansiq.demo',
        'Welcome. Let us list every body with a mandate on migration and where their mandates **overlap**.',
      ],
      [
        'iom.member@tansiq.demo',
        'IOM can share the 2025 migration governance indicators assessment as a starting point.',
      ],
      [
        'ngo.member@tansiq.demo',
        'Please include the complaint mechanisms available to migrants, not only the ministries.',
      ],
    ],
  },
  {
    group: 'Review of migration governance',
    title: 'توحيد بيانات الهجرة بين الوزارات',
    author: 'ministry.member@tansiq.demo',
    objectives: [1],
    messages: [
      ['ministry.member@tansiq.demo', 'نقترح إنشاء قاعدة بيانات موحدة للهجرة تتشارك فيها الوزارات المعنية.'],
      [
        'university.member@tansiq.demo',
        'يمكن لمركز دراسات الهجرة في الجامعة المساعدة في تصميم المؤشرات وضمان جودة البيانات.',
      ],
    ],
  },
  {
    group: 'Legal pathways and irregular migration',
    title: 'Seasonal labour mobility schemes',
    author: 'iom.member@tansiq.demo',
    objectives: [5],
    messages: [
      [
        'iom.member@tansiq.demo',
        'Which sectors could pilot a seasonal scheme next year? Agriculture and construction came up at the conference.',
      ],
      ['ministry.member@tansiq.demo', 'الزراعة أولوية، مع ضمانات واضحة لحقوق العمال الموسميين.'],
    ],
  },
  {
    group: 'Expatriates in national development',
    title: 'Lowering the cost of remittances',
    author: 'university.member@tansiq.demo',
    objectives: [20],
    messages: [
      [
        'university.member@tansiq.demo',
        'Average transfer costs are still above the 3% SDG target. Digital channels could help.',
      ],
    ],
  },
];

/** One recommendation taken from draft to adoption, with positions from several organizations. */
export const DEMO_RECOMMENDATION = {
  group: 'Review of migration governance',
  title: 'Establish a national inter-ministerial committee on migration governance',
  author: 'ministry.member@tansiq.demo',
  proposal:
    'Establish a **national inter-ministerial committee** chaired by the Ministry of Migration and Displaced Persons, ' +
    'with civil society and UN partners as observers, meeting quarterly to coordinate the national GCM implementation plan.\n\n' +
    'إنشاء لجنة وطنية مشتركة بين الوزارات لحوكمة الهجرة.',
  objectives: [1, 23],
  positions: [
    ['ministry.member@tansiq.demo', 'endorse', null],
    ['iom.member@tansiq.demo', 'endorse', 'IOM can provide the secretariat support in the first year.'],
    ['ngo.member@tansiq.demo', 'endorse-with-reservations', 'Civil society should be members, not only observers.'],
    ['university.member@tansiq.demo', 'endorse', null],
  ] as [string, 'endorse' | 'endorse-with-reservations' | 'object' | 'abstain', string | null][],
  outcome: {
    outcome: 'adopted-with-changes' as const,
    statement: 'Adopted, with two civil-society seats on the committee as members. First meeting within three months.',
    reviewDate: '2027-06-30',
  },
};

/** A recommendation still open for positions. */
export const DEMO_OPEN_RECOMMENDATION = {
  group: 'Legal pathways and irregular migration',
  title: 'Launch a regular seasonal agricultural work programme',
  author: 'iom.member@tansiq.demo',
  proposal:
    'Launch a pilot seasonal agricultural work programme for 500 workers with standard contracts and pre-departure orientation.',
  objectives: [5, 6],
  positions: [
    ['iom.member@tansiq.demo', 'endorse', null],
    ['ngo.member@tansiq.demo', 'object', 'The pilot needs an independent complaints channel first.'],
  ] as [string, 'endorse' | 'endorse-with-reservations' | 'object' | 'abstain', string | null][],
};

/** Follow-up of the adopted recommendation: led by different organizations, some overdue, one done. */
export const DEMO_ACTIONS: {
  title: string;
  description: string;
  lead: string;
  supporting: string[];
  focal: string;
  dueInDays: number;
  priority: 'low' | 'medium' | 'high';
  status: ('in-progress' | 'done' | 'blocked')[];
  reason?: string;
}[] = [
  {
    title: 'Draft the terms of reference of the inter-ministerial committee',
    description: 'Mandate, membership (including two civil-society seats), quorum and reporting line.',
    lead: 'ministry',
    supporting: ['iom', 'ngo'],
    focal: 'ministry.member@tansiq.demo',
    dueInDays: -5,
    priority: 'high',
    status: ['in-progress'],
  },
  {
    title: 'Map existing coordination mechanisms',
    description: 'List every existing committee and working group with a migration mandate.',
    lead: 'university',
    supporting: [],
    focal: 'university.member@tansiq.demo',
    dueInDays: -20,
    priority: 'medium',
    status: ['in-progress', 'done'],
  },
  {
    title: 'Prepare secretariat support for the first year',
    description: 'Staffing, budget and workplan for the committee secretariat.',
    lead: 'iom',
    supporting: ['ministry'],
    focal: 'iom.member@tansiq.demo',
    dueInDays: 1,
    priority: 'medium',
    status: [],
  },
  {
    title: 'Nominate the civil-society members',
    description: 'An open call among registered migrant-rights organizations.',
    lead: 'ngo',
    supporting: ['network'],
    focal: 'ngo.member@tansiq.demo',
    dueInDays: -2,
    priority: 'high',
    status: ['blocked'],
    reason: 'Waiting for the terms of reference to define the selection criteria.',
  },
  {
    title: 'تنظيم الاجتماع الأول للجنة',
    description: 'تحديد موعد ومكان الاجتماع الأول وجدول أعماله.',
    lead: 'ministry',
    supporting: [],
    focal: 'ministry.member@tansiq.demo',
    dueInDays: 45,
    priority: 'low',
    status: [],
  },
];

/** A second recommendation taken to adoption, in another group: its review date is the day the demo is made. */
export const DEMO_REVIEWED_RECOMMENDATION = {
  group: 'Legal pathways and irregular migration',
  title: 'Open a one-stop information centre for prospective labour migrants',
  author: 'iom.member@tansiq.demo',
  proposal:
    'Open a **one-stop information centre** where prospective labour migrants get verified information on ' +
    'recruitment, contracts and their rights before they leave.\n\n' +
    'فتح مركز معلومات موحّد للمهاجرين المحتملين للعمل.',
  objectives: [3, 5],
  positions: [
    ['ministry.member@tansiq.demo', 'endorse', null],
    ['iom.member@tansiq.demo', 'endorse', 'IOM runs similar centres in the region and can share materials.'],
    ['ngo.member@tansiq.demo', 'object', 'Information alone does not protect workers without a complaints channel.'],
  ] as [string, 'endorse' | 'endorse-with-reservations' | 'object' | 'abstain', string | null][],
  outcome: {
    outcome: 'adopted' as const,
    statement: 'Adopted. The centre opens in Baghdad first; a complaints channel is added as a follow-up action.',
  },
};

/** The reviewed recommendation's follow-up; the NGO that objected leads one action (the ledger shows it). */
export const DEMO_REVIEWED_ACTIONS: (typeof DEMO_ACTIONS)[number][] = [
  {
    title: 'Set up the information centre in Baghdad',
    description: 'Premises, staff and a verified information package.',
    lead: 'ministry',
    supporting: ['iom'],
    focal: 'ministry.member@tansiq.demo',
    dueInDays: 30,
    priority: 'high',
    status: ['in-progress'],
  },
  {
    title: 'Produce pre-departure orientation materials in Arabic and Kurdish',
    description: 'Leaflets and short videos on contracts, fees and rights.',
    lead: 'iom',
    supporting: ['ngo'],
    focal: 'iom.member@tansiq.demo',
    dueInDays: -3,
    priority: 'medium',
    status: ['in-progress'],
  },
  {
    title: 'Open an independent complaints channel for migrant workers',
    description: 'A hotline and an online form run independently of recruitment agencies.',
    lead: 'ngo',
    supporting: [],
    focal: 'ngo.member@tansiq.demo',
    dueInDays: 60,
    priority: 'high',
    status: [],
  },
];

/**
 * Progress on actions of both recommendations, in the order it happened: milestones (done or not), claims with
 * their progress note and evidence (a file, or a link in the note), and the decision on each claim. The facilitator
 * decides; nobody decides their own claim.
 */
export const DEMO_PROGRESS: {
  action: string;
  milestones: [string, boolean][];
  claims: {
    by: string;
    percent: number;
    note: string;
    file?: { name: string; content: string };
    decision?: { verify: true } | { verify: false; reason: string };
  }[];
}[] = [
  {
    action: 'Map existing coordination mechanisms',
    milestones: [
      ['Collect the mandates of existing committees', true],
      ['Publish the map', true],
    ],
    claims: [
      {
        by: 'university.member@tansiq.demo',
        percent: 100,
        note: 'The map is finished: 14 committees and working groups with a migration mandate, attached.',
        file: {
          name: 'coordination-mechanisms.csv',
          content:
            'Mechanism,Chair,Mandate\r\nNational Committee on Displacement,Ministry of Migration,Return and reintegration\r\n' +
            'Labour Migration Working Group,Ministry of Labour,Recruitment and contracts\r\n',
        },
        decision: { verify: true },
      },
    ],
  },
  {
    action: 'Draft the terms of reference of the inter-ministerial committee',
    milestones: [
      ['First draft', true],
      ['Comments from civil society', false],
      ['Final text', false],
    ],
    claims: [
      {
        by: 'ministry.member@tansiq.demo',
        percent: 40,
        note: 'First draft shared with the supporting organizations; comments due next week.',
      },
    ],
  },
  {
    action: 'Set up the information centre in Baghdad',
    milestones: [
      ['Premises agreed', true],
      ['Staff recruited and trained', true],
      ['Opening to the public', false],
    ],
    claims: [
      {
        by: 'ministry.member@tansiq.demo',
        percent: 60,
        note: 'Premises agreed and four staff trained; see the training record.',
        file: {
          name: 'training-record.csv',
          content:
            'Date,Session,Participants\r\n2026-11-10,Recruitment and contracts,4\r\n2026-11-17,Rights and complaints,4\r\n',
        },
        decision: { verify: true },
      },
    ],
  },
  {
    action: 'Produce pre-departure orientation materials in Arabic and Kurdish',
    milestones: [],
    claims: [
      {
        by: 'iom.member@tansiq.demo',
        percent: 80,
        note: 'Materials drafted: https://example.org/orientation-drafts',
        decision: { verify: false, reason: 'Please attach the drafts themselves: the link needs an account.' },
      },
      {
        by: 'iom.member@tansiq.demo',
        percent: 70,
        note: 'Arabic leaflets final, Kurdish in translation; drafts attached.',
        file: {
          name: 'orientation-leaflet-ar.txt',
          content: 'قبل السفر: اعرف حقوقك، واقرأ عقدك، ولا تدفع رسوم التوظيف.\n',
        },
      },
    ],
  },
];
