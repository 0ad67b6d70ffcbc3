import type { Summary } from '../report-summary';
import type { ActionStatus } from '../status-transitions';

/** Progress of a group's action items (or the whole workspace's): the web client imports this type. */
export interface ProgressReport {
  groupId: string | null;
  generatedAt: string;
  totals: Summary;
  byRecommendation: ({ recommendation: { id: string; title: string } | null } & Summary)[];
  byObjective: ({ objective: number } & Summary)[];
  byOrganization: ({ organization: { id: string; name: string } | null } & Summary)[];
  /** The period asked for (days, inclusive): only action items created in it are counted. */
  period?: { from: string | null; to: string | null };
  /** The latest progress note of each item that has one, newest first. */
  narrative?: {
    action: { id: string; title: string; status: ActionStatus };
    group: { id: string; name: string };
    note: { body: string; at: string; author: string | null };
  }[];
  /** The whole-workspace report only. */
  byGroup?: ({ group: { id: string; name: string } } & Summary)[];
}
