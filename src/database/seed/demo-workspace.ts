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
