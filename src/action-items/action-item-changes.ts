import { ValidationFailed } from '../common/validation.pipe';
import type { ActionItemChanges } from './action-item.repository';
import { CHANGED_FIELDS, type ChangedField } from './changed-field';
import { ActionItemDto } from './dto/action-item.dto';
import { UpdateActionItemDto } from './dto/update-action-item.dto';
import { canTransition, NEEDS_REASON } from './status-transitions';
import { fieldError } from '../common/errors/refusal';

/** Fields a facilitator manages; status and its reason are also open to those responsible for the item. */
const MANAGED_FIELDS: readonly ChangedField[] = CHANGED_FIELDS.filter((f) => f !== 'status' && f !== 'statusReason');

export interface FieldChange {
  field: ChangedField;
  before: unknown;
  after: unknown;
}

/** Only fields whose value really changes, with before and after as the API shows them. */
export function changesOf(current: ActionItemDto, dto: UpdateActionItemDto): FieldChange[] {
  const list: FieldChange[] = [];
  const push = (field: ChangedField, before: unknown, after: unknown) => {
    if (JSON.stringify(before) !== JSON.stringify(after)) list.push({ field, before, after });
  };
  if (dto.title !== undefined) push('title', current.title, dto.title);
  if (dto.description !== undefined) push('description', current.description, dto.description);
  if (dto.leadOrganizationId !== undefined)
    push('leadOrganizationId', current.leadOrganization?.id ?? null, dto.leadOrganizationId);
  if (dto.supportingOrganizationIds !== undefined) {
    push(
      'supportingOrganizationIds',
      current.supportingOrganizations.map((o) => o.id).sort(),
      [...dto.supportingOrganizationIds].sort(),
    );
  }
  if (dto.focalPersonId !== undefined) push('focalPersonId', current.focalPerson?.id ?? null, dto.focalPersonId);
  if (dto.dueDate !== undefined) push('dueDate', current.dueDate, dto.dueDate);
  if (dto.priority !== undefined) push('priority', current.priority, dto.priority);
  if (dto.objectives !== undefined)
    push(
      'objectives',
      current.objectives,
      [...dto.objectives].sort((a, b) => a - b),
    );
  if (dto.status !== undefined) push('status', current.status, dto.status);
  if (dto.statusReason !== undefined || (dto.status !== undefined && dto.status !== current.status)) {
    const reason =
      dto.status !== undefined && !NEEDS_REASON.includes(dto.status)
        ? (dto.statusReason ?? null)
        : (dto.statusReason ?? current.statusReason);
    push('statusReason', current.statusReason, reason);
  }
  return list;
}

/** A change only a facilitator may make: a managed field, or calling the item off. */
export function isManaging(changes: FieldChange[], dto: UpdateActionItemDto): boolean {
  return changes.some((c) => MANAGED_FIELDS.includes(c.field)) || dto.status === 'cancelled';
}

/** The workflow's rules for a status change: an allowed transition, and a reason where one is needed. */
export function requireValidStatusChange(current: ActionItemDto, dto: UpdateActionItemDto): void {
  if (dto.status === undefined || dto.status === current.status) return;
  if (!canTransition(current.status, dto.status)) {
    throw new ValidationFailed([fieldError('status', 'status-transition', { from: current.status, to: dto.status })]);
  }
  if (NEEDS_REASON.includes(dto.status) && !dto.statusReason) {
    throw new ValidationFailed([fieldError('statusReason', 'status-reason-required', { status: dto.status })]);
  }
}

/** The columns the changes set, by the entity's names (supporting organizations are rows of their own). */
export function columnsOf(changes: FieldChange[]): ActionItemChanges {
  const columns: Record<string, unknown> = {};
  for (const { field, after } of changes) {
    if (field === 'supportingOrganizationIds') continue;
    columns[field === 'objectives' ? 'gcmObjectives' : field] = after;
  }
  return columns as ActionItemChanges;
}

/** An item's ETag: its version, strong and quoted (`"3"`), what If-Match sends back. */
export function etagOf(item: { version: number }): string {
  return `"${item.version}"`;
}

/** The version an If-Match names: an ETag from etagOf (weak or bare numbers are accepted too). */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new ValidationFailed([fieldError('If-Match', 'if-match-invalid')]);
  return Number(match[1]);
}
