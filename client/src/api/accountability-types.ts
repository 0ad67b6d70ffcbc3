/**
 * Interim: the contract of the accountability DTOs until the server's classes land (then server-types.ts
 * re-exports those and this file goes).
 */
import type { AttachmentDto } from '../../../src/attachments/dto/attachment.dto';
import type { ActionStatus } from '../../../src/action-items/status-transitions';
import type { Outcome } from '../../../src/threads/entities/thread.entity';
import type { PositionValue } from '../../../src/threads/entities/position.entity';

interface Ref {
  id: string;
  name: string;
}
interface PersonRef {
  id: string;
  displayName: string;
}

export interface MilestoneDto {
  id: string;
  actionItemId: string;
  title: string;
  dueDate: string | null;
  position: number;
  done: boolean;
  doneAt: string | null;
  doneBy: PersonRef | null;
  createdAt: string;
}

export type ClaimState = 'pending' | 'verified' | 'returned';

export interface ClaimDto {
  id: string;
  actionItemId: string;
  percent: number;
  state: ClaimState;
  note: { id: string; body: string; bodyHtml: string; attachments: AttachmentDto[] } | null;
  claimedBy: PersonRef | null;
  organization: Ref | null;
  claimedAt: string;
  decidedBy: PersonRef | null;
  deciderOrganization: Ref | null;
  decidedAt: string | null;
  reason: string | null;
}

export type ContradictionKind = 'endorsed-leads-nothing' | 'objected-leads-action';

export interface LedgerDto {
  groupId: string;
  generatedAt: string;
  recommendations: { id: string; title: string; outcome: Outcome | null }[];
  actions: {
    id: string;
    title: string;
    status: ActionStatus;
    recommendationId: string | null;
    leadOrganization: Ref | null;
    claimed: number | null;
    verified: number | null;
  }[];
  organizations: {
    organization: Ref;
    positions: { recommendationId: string; position: PositionValue | null; divided: boolean }[];
    leads: string[];
    supports: string[];
    delivered: { claimed: number | null; verified: number | null };
    contradictions: { kind: ContradictionKind; recommendationId: string; actionIds: string[] }[];
  }[];
}

export type TimelineKind =
  | 'proposed'
  | 'position'
  | 'outcome'
  | 'action-created'
  | 'milestone-added'
  | 'milestone-done'
  | 'claim'
  | 'claim-verified'
  | 'claim-returned'
  | 'review';

export interface TimelineEntryDto {
  at: string;
  kind: TimelineKind;
  actor: PersonRef | null;
  organization: Ref | null;
  action: { id: string; title: string } | null;
  data: {
    position?: PositionValue;
    outcome?: Outcome;
    reviewDate?: string | null;
    percent?: number;
    evidenceCount?: number;
    reason?: string;
    title?: string;
    reviewThreadId?: string;
  } | null;
}

export interface TimelineDto {
  recommendation: { id: string; groupId: string; title: string; outcome: Outcome | null; reviewDate: string | null };
  entries: TimelineEntryDto[];
}
