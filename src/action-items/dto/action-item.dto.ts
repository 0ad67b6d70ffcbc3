import { Priority, SourceType } from '../entities/action-item.entity';
import { ActionStatus } from '../status-transitions';

export class NamedRefDto {
  id: string;
  name: string;
}

export class PersonRefDto {
  id: string;
  displayName: string;
}

export class ActionSourceDto {
  type: SourceType;
  id: string;
  threadId: string;
  /** The title of the source's thread. */
  title: string;
}

export class ActionItemDto {
  id: string;
  groupId: string;
  title: string;
  description: string;
  source: ActionSourceDto | null;
  leadOrganization: NamedRefDto | null;
  supportingOrganizations: NamedRefDto[];
  focalPerson: PersonRefDto | null;
  /** YYYY-MM-DD. */
  dueDate: string | null;
  priority: Priority;
  objectives: number[];
  status: ActionStatus;
  statusReason: string | null;
  version: number;
  /** Past its due date and neither done nor cancelled. */
  overdue: boolean;
  createdBy: PersonRefDto | null;
  createdAt: string;
  updatedAt: string;
}

export interface ActionItemRow {
  id: string;
  group_id: string;
  title: string;
  description: string;
  source_type: SourceType | null;
  source_id: string | null;
  source_thread_id: string | null;
  source_title: string | null;
  lead_organization_id: string | null;
  lead_organization_name: string | null;
  supporting: { id: string; name: string }[] | null;
  focal_person_id: string | null;
  focal_person_name: string | null;
  due_date: string | null;
  priority: Priority;
  gcm_objectives: number[];
  status: ActionStatus;
  status_reason: string | null;
  version: number;
  overdue: boolean;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
}

/** One query shape for every read of action items: organizations, people and the source's title joined in. */
export const ACTION_SELECT = `SELECT a.id, a.group_id, a.title, a.description, a.source_type, a.source_id, a.source_thread_id,
    st.title AS source_title, a.lead_organization_id, lo.name AS lead_organization_name,
    (SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name), '[]'::json)
       FROM action_item_organizations ao JOIN organizations o ON o.id = ao.organization_id
      WHERE ao.action_item_id = a.id) AS supporting,
    a.focal_person_id, fp.display_name AS focal_person_name, to_char(a.due_date, 'YYYY-MM-DD') AS due_date, a.priority,
    a.gcm_objectives, a.status, a.status_reason, a.version,
    (a.due_date < current_date AND a.status NOT IN ('done', 'cancelled')) AS overdue,
    a.created_by, cb.display_name AS created_by_name, a.created_at, a.updated_at
  FROM action_items a
  LEFT JOIN threads st ON st.id = a.source_thread_id
  LEFT JOIN organizations lo ON lo.id = a.lead_organization_id
  LEFT JOIN users fp ON fp.id = a.focal_person_id
  LEFT JOIN users cb ON cb.id = a.created_by`;

export function toActionItemDto(row: ActionItemRow): ActionItemDto {
  return {
    id: row.id,
    groupId: row.group_id,
    title: row.title,
    description: row.description,
    source:
      row.source_type && row.source_id
        ? {
            type: row.source_type,
            id: row.source_id,
            threadId: row.source_thread_id ?? row.source_id,
            title: row.source_title ?? '',
          }
        : null,
    leadOrganization: row.lead_organization_id
      ? { id: row.lead_organization_id, name: row.lead_organization_name ?? '' }
      : null,
    supportingOrganizations: row.supporting ?? [],
    focalPerson: row.focal_person_id ? { id: row.focal_person_id, displayName: row.focal_person_name ?? '' } : null,
    dueDate: row.due_date,
    priority: row.priority,
    objectives: [...row.gcm_objectives].map(Number).sort((a, b) => a - b),
    status: row.status,
    statusReason: row.status_reason,
    version: Number(row.version),
    overdue: Boolean(row.overdue),
    createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export class ActionChangeDto {
  field: string;
  before: unknown;
  after: unknown;
  actor: PersonRefDto | null;
  at: string;
}

export class ActionCommentDto {
  id: string;
  actionItemId: string;
  kind: 'comment' | 'progress';
  body: string;
  bodyHtml: string;
  author: PersonRefDto | null;
  /** The organization the author spoke for when writing it. */
  organization: NamedRefDto | null;
  createdAt: string;
}
