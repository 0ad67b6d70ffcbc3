import { priorityName, statusName } from '../../../../src/notifications/texts/notification-text';
import type { ActionStatus, Priority } from '../../api/server-types';
import { t, translator } from '../../i18n/i18n';

export const STATUSES: ActionStatus[] = ['open', 'in-progress', 'blocked', 'done', 'cancelled'];
export const PRIORITIES: Priority[] = ['high', 'medium', 'low'];

export const statusText = (s: ActionStatus) => statusName(s, translator);

export const priorityText = (p: Priority) => priorityName(p, translator);

/** Names of the fields in an item's history. */
export const fieldText = (field: string): string =>
  ({
    title: t('action.title'),
    description: t('action.description'),
    status: t('action.status'),
    statusReason: t('action.statusReason'),
    leadOrganizationId: t('action.lead'),
    leadOrganization: t('action.lead'),
    supportingOrganizationIds: t('action.supporting'),
    supportingOrganizations: t('action.supporting'),
    focalPersonId: t('action.focal'),
    focalPerson: t('action.focal'),
    dueDate: t('action.due'),
    priority: t('action.priority'),
    objectives: t('objectives.legend'),
    weight: t('action.weight'),
  })[field] ?? field;
