import { MigrationInterface, QueryRunner } from 'typeorm';

/** The English sentence a legacy row was stored with, and a pattern's n-th capture in it. */
const TEXT = `n.data->>'text'`;
const part = (pattern: string, n = 1) => `(regexp_match(${TEXT}, '${pattern}'))[${n}]`;

/**
 * Per type: the facts to rebuild from a row stored before type + data (1764475200000), and the pattern its English
 * sentence must match, as the server wrote it then. Names are taken from the sentence, as they were at the time; a
 * mention's thread title, which the sentence lacked, is the thread's title now.
 */
const LEGACY: { type: string; pattern: string; actorName: string; facts: string; join?: string }[] = [
  { type: 'member.added', pattern: '^You were added to ', actorName: 'NULL', facts: `'role', n.data->'role'` },
  {
    type: 'member.role-changed',
    pattern: '^Your role in ',
    actorName: 'NULL',
    facts: `'role', n.data->'role', 'previous', n.data->'previous'`,
  },
  {
    type: 'member.invited',
    pattern: '^(.*) invited you to ',
    actorName: `NULLIF(${part('^(.*) invited you to ')}, 'A facilitator')`,
    facts: `'invitationId', n.data->'invitationId', 'role', n.data->'role'`,
  },
  {
    type: 'recommendation.created',
    pattern: '^New recommendation for your position: (.*)$',
    actorName: 'NULL',
    facts: `'threadTitle', ${part('^New recommendation for your position: (.*)$')}`,
  },
  {
    type: 'recommendation.closed',
    pattern: '^Recommendation [a-z-]+: (.*)$',
    actorName: 'NULL',
    facts: `'threadTitle', ${part('^Recommendation [a-z-]+: (.*)$')}, 'outcome', n.data->'outcome'`,
  },
  {
    type: 'message.mentioned',
    pattern: '^(.*) mentioned you$',
    actorName: `NULLIF(${part('^(.*) mentioned you$')}, 'Someone')`,
    facts: `'threadId', t.id, 'threadTitle', t.title`,
    join: `JOIN threads t ON t.id = (n.data->>'threadId')::uuid`,
  },
  {
    type: 'action.assigned',
    pattern: '^New action for you: (.*?)(?: \\(due (\\d{4}-\\d{2}-\\d{2})\\))?$',
    actorName: 'NULL',
    facts: `'title', ${part('^New action for you: (.*?)(?: \\(due (\\d{4}-\\d{2}-\\d{2})\\))?$')},
            'dueDate', ${part('^New action for you: (.*?)(?: \\(due (\\d{4}-\\d{2}-\\d{2})\\))?$', 2)},
            'reassigned', false`,
  },
  {
    type: 'action.assigned',
    pattern: '^Assigned to you: (.*)$',
    actorName: 'NULL',
    facts: `'title', ${part('^Assigned to you: (.*)$')}, 'dueDate', NULL, 'reassigned', true`,
  },
  {
    type: 'action.status-changed',
    pattern: '^(.*): [a-z-]+ → [a-z-]+$',
    actorName: 'NULL',
    facts: `'title', ${part('^(.*): [a-z-]+ → [a-z-]+$')}, 'status', n.data->'status', 'previous', n.data->'previous'`,
  },
  {
    type: 'action.commented',
    pattern: '^(.*?) (reported progress on|commented on) (.*)$',
    actorName: `NULLIF(${part('^(.*?) (reported progress on|commented on) (.*)$')}, 'Someone')`,
    facts: `'title', ${part('^(.*?) (reported progress on|commented on) (.*)$', 3)},
            'kind', CASE WHEN ${part('^(.*?) (reported progress on|commented on) (.*)$', 2)} = 'reported progress on'
                         THEN 'progress' ELSE 'comment' END`,
  },
  {
    type: 'action.due-soon',
    pattern: '^Due (\\d{4}-\\d{2}-\\d{2}): (.*)$',
    actorName: 'NULL',
    facts: `'title', ${part('^Due (\\d{4}-\\d{2}-\\d{2}): (.*)$', 2)}, 'dueDate', ${part('^Due (\\d{4}-\\d{2}-\\d{2}): (.*)$')}`,
  },
  {
    type: 'action.overdue',
    pattern: '^Overdue since (\\d{4}-\\d{2}-\\d{2}): (.*)$',
    actorName: 'NULL',
    facts: `'title', ${part('^Overdue since (\\d{4}-\\d{2}-\\d{2}): (.*)$', 2)},
            'dueDate', ${part('^Overdue since (\\d{4}-\\d{2}-\\d{2}): (.*)$')}`,
  },
];

/**
 * Notifications stored before type + data kept only their English sentence, so a reader in Arabic saw "open →
 * in-progress" and "Recommendation adopted-with-changes". Each such row whose sentence matches what the server
 * wrote then (and whose group still exists, for its name) gets its type's data rebuilt from the sentence, and every
 * reader's client says it in their language again. The old data stays whole under `legacy`: reverting restores it;
 * rows that match nothing keep their sentence and show it, as before.
 */
export class LegacyNotificationData1764900000000 implements MigrationInterface {
  name = 'LegacyNotificationData1764900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const { type, pattern, actorName, facts, join } of LEGACY) {
      await q.query(
        `UPDATE notifications SET data = rebuilt.data
           FROM (SELECT n.id, jsonb_build_object('groupName', g.name, 'actorId', NULL, 'actorName', ${actorName}, ${facts})
                        || jsonb_build_object('legacy', n.data) AS data
                   FROM notifications n JOIN working_groups g ON g.id = n.group_id ${join ?? ''}
                  WHERE n.type = $1 AND n.data ? 'text' AND ${TEXT} ~ $2) rebuilt
          WHERE notifications.id = rebuilt.id`,
        [type, pattern],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE notifications SET data = data->'legacy' WHERE data ? 'legacy'`);
  }
}
