import { Outcome, ThreadKind, ThreadStatus } from '../entities/thread.entity';

export class PersonDto {
  id: string;
  displayName: string;
}

export class ThreadDto {
  id: string;
  groupId: string;
  kind: ThreadKind;
  title: string;
  author: PersonDto | null;
  pinned: boolean;
  status: ThreadStatus;
  objectives: number[];
  /** For recommendations: the proposal as Markdown source and as sanitized HTML. */
  proposal: string | null;
  proposalHtml: string | null;
  outcome: Outcome | null;
  outcomeStatement: string | null;
  /** ISO date (YYYY-MM-DD) when the outcome is to be reviewed. */
  reviewDate: string | null;
  closedAt: string | null;
  messageCount: number;
  lastActivityAt: string;
  createdAt: string;
  updatedAt: string;
}

/** A thread in the caller's list: with how many messages they have not read. */
export class MyThreadDto extends ThreadDto {
  unreadCount: number;
}

export interface ThreadRow {
  id: string;
  group_id: string;
  kind: ThreadKind;
  title: string;
  author_id: string | null;
  author_name: string | null;
  pinned: boolean;
  status: ThreadStatus;
  gcm_objectives: number[];
  proposal: string | null;
  proposal_html: string | null;
  outcome: Outcome | null;
  outcome_statement: string | null;
  review_date: string | Date | null;
  closed_at: Date | null;
  message_count: number;
  last_activity_at: Date;
  created_at: Date;
  updated_at: Date;
  unread_count?: number | string;
}

export const THREAD_COLUMNS = `t.id, t.group_id, t.kind, t.title, t.author_id, a.display_name AS author_name, t.pinned,
  t.status, t.gcm_objectives, t.proposal, t.proposal_html, t.outcome, t.outcome_statement,
  to_char(t.review_date, 'YYYY-MM-DD') AS review_date, t.closed_at, t.message_count, t.last_activity_at, t.created_at,
  t.updated_at`;
export const THREAD_JOINS = 'LEFT JOIN users a ON a.id = t.author_id';

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export function toThreadDto(row: ThreadRow): ThreadDto {
  return {
    id: row.id,
    groupId: row.group_id,
    kind: row.kind,
    title: row.title,
    author: row.author_id ? { id: row.author_id, displayName: row.author_name ?? '' } : null,
    pinned: row.pinned,
    status: row.status,
    objectives: [...row.gcm_objectives].map(Number).sort((a, b) => a - b),
    proposal: row.proposal,
    proposalHtml: row.proposal_html,
    outcome: row.outcome,
    outcomeStatement: row.outcome_statement,
    reviewDate: row.review_date ? String(row.review_date) : null,
    closedAt: iso(row.closed_at),
    messageCount: Number(row.message_count),
    lastActivityAt: iso(row.last_activity_at)!,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

export function toMyThreadDto(row: ThreadRow): MyThreadDto {
  return { ...toThreadDto(row), unreadCount: Number(row.unread_count ?? 0) };
}
