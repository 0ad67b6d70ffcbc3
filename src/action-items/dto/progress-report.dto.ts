import type { Summary } from '../report-summary';

/** Progress of a group's action items (or the whole workspace's): the web client imports this type. */
export interface ProgressReport {
  groupId: string | null;
  generatedAt: string;
  totals: Summary;
  byRecommendation: ({ recommendation: { id: string; title: string } | null } & Summary)[];
  byObjective: ({ objective: number } & Summary)[];
  byOrganization: ({ organization: { id: string; name: string } | null } & Summary)[];
  /** The whole-workspace report only. */
  byGroup?: ({ group: { id: string; name: string } } & Summary)[];
}
