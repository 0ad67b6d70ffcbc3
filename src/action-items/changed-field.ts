/**
 * The fields an action item's history records, as the API names them. Its own file, free of the server's imports,
 * because the web client renders history entries and its language check covers every one of them.
 */
export const CHANGED_FIELDS = [
  'title',
  'description',
  'leadOrganizationId',
  'supportingOrganizationIds',
  'focalPersonId',
  'dueDate',
  'priority',
  'objectives',
  'status',
  'statusReason',
  /** Its weight in its recommendation's progress (PUT /actions/:id/weight). */
  'weight',
] as const;

export type ChangedField = (typeof CHANGED_FIELDS)[number];
