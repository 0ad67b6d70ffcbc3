/**
 * A large workspace seeded straight into a migrated database with COPY (issue 22): organizations, users sharing one
 * password, working groups with their members and threads, messages in Arabic and English with each one's
 * `message.created` event in the change feed, and action items with lead and supporting organizations, focal
 * people, statuses, due dates and progress notes. Used by the data-scale and capacity benchmarks and by the
 * query-plan test.
 *
 * What the product expects of the rows, and how they keep it:
 * - every message takes its group's next seq, as the product's send does (`feedAppend`): per group, messages are
 *   seqs 1..n in time order, each with its `message.created` event at the same seq, and the group's `last_seq` is n;
 * - threads count their messages (`message_count`) and carry their last message's time (`last_activity_at`);
 * - search vectors are the tables' generated columns: PostgreSQL computes them during the COPY, as for any insert;
 * - message times lie within the change feed's retention (EVENT_RETENTION_DAYS, 30 by default: `days` is 28), so
 *   the hourly prune deletes none of the seeded events in the middle of a measurement.
 *
 * Speed: the rows are generated in this process and streamed (COPY FROM STDIN, pg-copy-streams) over several
 * connections at once; foreign-key triggers are off for the load (`session_replication_role = replica`: the rows are
 * generated consistent, every reference points at a row this seeder wrote) and the big tables' secondary indexes are
 * dropped first and built once at the end, then everything is analyzed. Each phase's time is reported.
 *
 * Every random choice comes from a seeded generator, one per group, so a group's messages can be generated twice
 * alike (once for the messages' COPY, once for the events' COPY, which run side by side) without keeping them.
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface DatasetSpec {
  users: number;
  groups: number;
  messages: number;
  actionItems: number;
  /** Members of each group (default 25, at most `users`): each user is in about groups × this ÷ users groups. */
  membersPerGroup?: number;
  /** Threads of each group (default 10); the second is a recommendation, the others discussions. */
  threadsPerGroup?: number;
  /** Organizations (default users ÷ 10, at least 2). */
  organizations?: number;
  /** Messages are spread over the last `days` days (default 28: within the change feed's retention). */
  days?: number;
  /** Seed of the generators (default 1): the same spec and seed give the same texts, times and assignments. */
  seed?: number;
}

export interface DatasetUser {
  id: string;
  email: string;
  organizationId: string;
  /** The first user is the workspace admin. */
  isAdmin: boolean;
}

export interface DatasetGroup {
  id: string;
  name: string;
  /** Discussion and recommendation threads; threadIds[0] holds the most messages. */
  threadIds: string[];
  recommendationThreadId: string;
  /** Messages of each thread, in the order of threadIds. */
  threadMessages: number[];
  memberIds: string[];
  /** The first member, who created the group and its threads. */
  facilitatorId: string;
  /** The group's newest seq: its messages (seqs 1..lastSeq, one event each). */
  lastSeq: number;
  actionItems: number;
}

export interface DatasetPhase {
  phase: string;
  ms: number;
  rows?: number;
}

export interface Dataset {
  /** Every user's password (argon2id-hashed once with the product's hasher, the same hash on every row). */
  password: string;
  admin: DatasetUser;
  users: DatasetUser[];
  groups: DatasetGroup[];
  organizations: { id: string; name: string }[];
  counts: {
    organizations: number;
    users: number;
    groups: number;
    memberships: number;
    threads: number;
    messages: number;
    events: number;
    actionItems: number;
    supportingOrganizations: number;
    progressNotes: number;
  };
  /** Each phase in order: hash, copy (per table), indexes, analyze; `totalMs` is their sum. */
  timings: DatasetPhase[];
  totalMs: number;
}

export const DATASET_PASSWORD = 'bench-password-2026';

/** Domain words, most common first: a text draws from the front more often (index ∝ random²). */
export const ARABIC_WORDS = (
  'الهجرة المهاجرين العمال الحكومة الوزارة التعاون الدول العمل البرنامج التنمية المنظمات الشركاء الوطنية ' +
  'السياسات الحماية البيانات الخطة التقرير الاجتماع الفريق المشروع الإدارة الحدود التأشيرات الزراعة الموسميين ' +
  'التحويلات المالية الأسر الأطفال التعليم المدارس الصحة المستشفيات اللاجئين اللجوء العودة الإدماج المؤسسات ' +
  'مؤسسة الشراكة العقود الأجور التدريب المهارات الاعتراف المؤهلات التوظيف القطاع الخاص النقابات الاتفاقيات ' +
  'الثنائية التنسيق المحلية البلديات الإقليمية المتابعة التقييم المؤشرات الميزانية التمويل المانحين الشفافية ' +
  'المساءلة النساء الشباب المجتمع المدني الإعلام التوعية الاتجار بالبشر التهريب الضحايا الاستقبال السكن ' +
  'العمل اللائق الحقوق القوانين التشريعات اللوائح الإجراءات الطلبات الوثائق الهوية التسجيل الرقمنة المنصة'
).split(' ');
export const ENGLISH_WORDS = (
  'migration migrants workers government ministry cooperation states labour programme development ' +
  'organisations partners national policies protection data plan report meeting team project management ' +
  'border visas agriculture seasonal remittances financial families children education schools health ' +
  'hospitals refugees asylum return reintegration institutions partnership contracts wages training skills ' +
  'recognition qualifications recruitment private sector unions agreements bilateral coordination local ' +
  'municipalities regional monitoring evaluation indicators budget funding donors transparency accountability ' +
  'women youth civil society media awareness trafficking smuggling victims reception housing decent rights ' +
  'laws legislation regulations procedures applications documents identity registration digital platform ' +
  'integration inclusion diaspora consular pathways'
).split(' ');
/** Words a text carries only now and then (one message in 50): rare matches. */
export const RARE_WORDS = (
  'النحالين نقابة_النحالين الزعفران المناحل apiary beekeepers saffron orchards quarantine veterinary ' +
  'تربية_النحل الثروة_الحيوانية livestock fisheries'
)
  .replace(/_/g, ' ')
  .split(' ');

const STATUSES: [string, number][] = [
  ['open', 0.35],
  ['in-progress', 0.3],
  ['done', 0.2],
  ['blocked', 0.08],
  ['cancelled', 0.07],
];
const PRIORITIES = ['low', 'medium', 'medium', 'high'];
const ORGANIZATION_KINDS = ['government', 'un-agency', 'civil-society', 'academia', 'private-sector'];
const COUNTRIES = ['MA', 'TN', 'EG', 'JO', 'LB', 'DE', 'ES', 'IT', 'SN', 'NG'];
const DAY = 86_400_000;

/** mulberry32: a small, fast, seeded generator (the rows need to be reproducible, not unpredictable). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4 UUID from the seeded generator: a group's message ids come out alike each time it is generated. */
function seededUuid(random: () => number): string {
  const hex = (n: number) =>
    Math.floor(random() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/** A value in COPY's text format. */
function esc(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
const line = (values: (string | number | null)[]) =>
  values.map((v) => (typeof v === 'number' ? String(v) : esc(v))).join('\t') + '\n';

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];
/** The front of a list more often than its back (index ∝ random²). */
const common = (random: () => number, words: readonly string[]) =>
  words[Math.floor(random() * random() * words.length)];

/** One message's text: one language, 6 to 23 words, one message in 50 with a rare word. */
function text(random: () => number, minWords = 6, spread = 18): string {
  const words = random() < 0.55 ? ARABIC_WORDS : ENGLISH_WORDS;
  const n = minWords + Math.floor(random() * spread);
  const out: string[] = [];
  for (let k = 0; k < n; k += 1) out.push(common(random, words));
  if (random() < 0.02) out.push(pick(random, RARE_WORDS));
  return out.join(' ');
}

const html = (body: string) =>
  `<p>${body.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)}</p>`;

/** Batches lines into chunks of about 256 KiB for the COPY stream. */
function* chunked(lines: Iterable<string>): Generator<string> {
  let buffer = '';
  for (const l of lines) {
    buffer += l;
    if (buffer.length >= 262_144) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

async function connect(databaseUrl: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  // The rows are generated consistent: foreign-key triggers would only look up what this seeder just wrote.
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET synchronous_commit = off`);
  return client;
}

/** COPY `lines` into `table (columns)` on its own connection; answers the rows written. */
async function copy(databaseUrl: string, table: string, columns: string[], lines: Iterable<string>): Promise<number> {
  const client = await connect(databaseUrl);
  try {
    let rows = 0;
    const counted = function* () {
      for (const l of lines) {
        rows += 1;
        yield l;
      }
    };
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(chunked(counted())), stream);
    return rows;
  } finally {
    await client.end();
  }
}

/** The product's own password hasher, from the build the bench runs (dist/): one hash for every seeded user. */
function productHasher(): (password: string) => Promise<string> {
  const root = resolve(__dirname, '..', '..');
  const file = join(root, 'dist', 'auth', 'password.js');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(file) as { hashPassword: (password: string) => Promise<string> }).hashPassword;
  } catch (error) {
    throw new Error(`the product's hasher ${file} is missing: npm run build first (${(error as Error).message})`, {
      cause: error,
    });
  }
}

interface GroupPlan {
  index: number;
  group: DatasetGroup;
  createdAt: Date;
  /** Each thread's newest message time (ms), filled while its messages are copied. */
  lastAt: number[];
}

/** One message of a group, as both its row and its event are written from it. */
interface SeedMessage {
  id: string;
  threadIndex: number;
  seq: number;
  authorId: string;
  body: string;
  bodyHtml: string;
  createdAt: string;
}

/** A group's messages, seqs 1..n in time order over [from, to]; the same every time for the same seed. */
function* groupMessages(plan: GroupPlan, seed: number, from: number, to: number): Generator<SeedMessage> {
  const random = generator(seed * 1_000_003 + plan.index * 7919 + 17);
  const { group } = plan;
  const n = group.lastSeq;
  const span = to - from;
  for (let k = 0; k < n; k += 1) {
    const body = text(random);
    // Threads get a skewed share: the first is the busiest (index ∝ random²).
    const threadIndex = Math.floor(random() * random() * group.threadIds.length);
    const at = from + Math.floor(((k + random()) / n) * span);
    yield {
      id: seededUuid(random),
      threadIndex,
      seq: k + 1,
      authorId: pick(random, group.memberIds),
      body,
      bodyHtml: html(body),
      createdAt: new Date(at).toISOString(),
    };
  }
}

/** Secondary indexes (not those of a primary key or unique constraint) of the tables a bulk load fills. */
async function secondaryIndexes(client: Client, tables: string[]): Promise<{ name: string; def: string }[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
      ORDER BY i.tablename, i.indexname`,
    [tables],
  );
  return rows;
}

/**
 * Seeds `spec` into the database at `databaseUrl`, whose schema the product's migrations made and which holds no
 * workspace yet (the first user seeded is the admin). Logs each phase through `log`.
 */
export async function seedDataset(databaseUrl: string, spec: DatasetSpec, log: (m: string) => void): Promise<Dataset> {
  const seed = spec.seed ?? 1;
  const random = generator(seed);
  const organizationCount = spec.organizations ?? Math.max(2, Math.floor(spec.users / 10));
  const membersPerGroup = Math.min(spec.membersPerGroup ?? 25, spec.users);
  const threadsPerGroup = Math.max(2, spec.threadsPerGroup ?? 10);
  const days = spec.days ?? 28;
  const now = Date.now();
  const to = now - 60_000;
  const from = now - days * DAY;
  const timings: DatasetPhase[] = [];
  const timed = async <T>(phase: string, work: () => Promise<T>, rows?: (result: T) => number): Promise<T> => {
    const started = performance.now();
    const result = await work();
    const ms = Math.round(performance.now() - started);
    const n = rows?.(result);
    timings.push({ phase, ms, ...(n === undefined ? {} : { rows: n }) });
    log(`${phase}: ${(ms / 1000).toFixed(1)} s${n === undefined ? '' : ` (${n.toLocaleString('en')} rows)`}`);
    return result;
  };

  const passwordHash = await timed('hash the shared password (argon2id, once)', () =>
    productHasher()(DATASET_PASSWORD),
  );

  // Who and what, decided up front (small): organizations, users, groups with their members and threads.
  const organizations = Array.from({ length: organizationCount }, (_, i) => ({
    id: randomUUID(),
    name: `Seeded organization ${i + 1}`,
  }));
  const users: DatasetUser[] = Array.from({ length: spec.users }, (_, i) => ({
    id: randomUUID(),
    email: `seeded-user-${i}@dataset.example`,
    organizationId: organizations[i % organizationCount].id,
    isAdmin: i === 0,
  }));
  const perGroup = (total: number, g: number) => Math.floor(total / spec.groups) + (g < total % spec.groups ? 1 : 0);
  const plans: GroupPlan[] = Array.from({ length: spec.groups }, (_, g) => {
    // Members: a run of users starting at a spread-out offset, so each user is in about as many groups as any other.
    const start = Math.floor((g * spec.users) / spec.groups);
    const memberIds = Array.from({ length: membersPerGroup }, (_, k) => users[(start + k) % spec.users].id);
    const threadIds = Array.from({ length: threadsPerGroup }, () => randomUUID());
    return {
      index: g,
      lastAt: threadIds.map(() => 0),
      createdAt: new Date(from - DAY - Math.floor(random() * 30 * DAY)),
      group: {
        id: randomUUID(),
        name: `Seeded group ${g + 1}`,
        threadIds,
        recommendationThreadId: threadIds[1],
        threadMessages: threadIds.map(() => 0),
        memberIds,
        facilitatorId: memberIds[0],
        lastSeq: perGroup(spec.messages, g),
        actionItems: perGroup(spec.actionItems, g),
      },
    };
  });
  const groups = plans.map((p) => p.group);

  const setup = await connect(databaseUrl);
  let dropped: { name: string; def: string }[] = [];
  try {
    const [{ n: existing }] = (await setup.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows;
    if (existing > 0) throw new Error(`seedDataset needs a workspace without users (this one has ${existing})`);

    const small = await timed(
      'copy organizations, users, groups, memberships',
      async () => {
        const createdAt = new Date(from - 90 * DAY).toISOString();
        const o = await copy(
          databaseUrl,
          'organizations',
          ['id', 'name', 'kind', 'country', 'created_at'],
          organizations.map((org, i) =>
            line([org.id, org.name, ORGANIZATION_KINDS[i % ORGANIZATION_KINDS.length], COUNTRIES[i % 10], createdAt]),
          ),
        );
        const u = await copy(
          databaseUrl,
          'users',
          [
            'id',
            'email',
            'display_name',
            'organization_id',
            'locale',
            'password_hash',
            'is_admin',
            'created_at',
            'updated_at',
            'email_verified_at',
          ],
          users.map((user, i) =>
            line([
              user.id,
              user.email,
              `Seeded User ${i}`,
              user.organizationId,
              i % 2 === 0 ? 'ar' : 'en',
              passwordHash,
              user.isAdmin ? 't' : 'f',
              createdAt,
              createdAt,
              createdAt,
            ]),
          ),
        );
        const g = await copy(
          databaseUrl,
          'working_groups',
          ['id', 'name', 'purpose', 'gcm_objectives', 'created_by', 'last_seq', 'created_at', 'updated_at'],
          plans.map((p) =>
            line([
              p.group.id,
              p.group.name,
              text(random, 8, 10),
              `{${1 + (p.index % 23)}}`,
              p.group.facilitatorId,
              p.group.lastSeq,
              p.createdAt.toISOString(),
              p.createdAt.toISOString(),
            ]),
          ),
        );
        const m = await copy(
          databaseUrl,
          'memberships',
          ['group_id', 'user_id', 'role', 'created_at', 'updated_at'],
          (function* () {
            for (const p of plans) {
              const at = p.createdAt.toISOString();
              for (const [k, userId] of p.group.memberIds.entries()) {
                yield line([
                  p.group.id,
                  userId,
                  k === 0 ? 'facilitator' : k % 10 === 9 ? 'observer' : 'member',
                  at,
                  at,
                ]);
              }
            }
          })(),
        );
        return { o, u, g, m };
      },
      (r) => r.o + r.u + r.g + r.m,
    );

    dropped = await secondaryIndexes(setup, ['messages', 'group_events', 'action_items', 'action_item_comments']);
    for (const index of dropped) await setup.query(`DROP INDEX ${index.name}`);
    log(`dropped ${dropped.length} secondary indexes for the load: ${dropped.map((i) => i.name).join(', ')}`);

    // Messages on two connections (half the groups each) and their events on a third, side by side.
    const halves = [plans.filter((p) => p.index % 2 === 0), plans.filter((p) => p.index % 2 === 1)];
    const messageLines = function* (part: GroupPlan[]) {
      for (const p of part) {
        for (const m of groupMessages(p, seed, from, to)) {
          p.group.threadMessages[m.threadIndex] += 1;
          p.lastAt[m.threadIndex] = Math.max(p.lastAt[m.threadIndex], Date.parse(m.createdAt));
          yield line([
            m.id,
            p.group.threadIds[m.threadIndex],
            m.seq,
            p.group.id,
            m.authorId,
            m.body,
            m.bodyHtml,
            m.createdAt,
          ]);
        }
      }
    };
    const names = new Map(users.map((u, i) => [u.id, `Seeded User ${i}`]));
    const eventLines = function* () {
      for (const p of plans) {
        for (const m of groupMessages(p, seed, from, to)) {
          // The payload the product's send stores: the message's DTO with its seq and time.
          const payload = {
            id: m.id,
            threadId: p.group.threadIds[m.threadIndex],
            groupId: p.group.id,
            parentId: null,
            author: { id: m.authorId, displayName: names.get(m.authorId) ?? '' },
            body: m.body,
            bodyHtml: m.bodyHtml,
            mentions: [],
            reactions: [],
            attachments: [],
            edited: false,
            editedAt: null,
            deleted: false,
            seq: m.seq,
            createdAt: m.createdAt,
          };
          yield line([p.group.id, m.seq, 'message.created', JSON.stringify(payload), m.authorId, m.createdAt]);
        }
      }
    };
    const messageColumns = ['id', 'thread_id', 'seq', 'group_id', 'author_id', 'body', 'body_html', 'created_at'];
    const [messagesA, messagesB, events] = await timed(
      'copy messages (2 connections) and their change-feed events (1)',
      () =>
        Promise.all([
          copy(databaseUrl, 'messages', messageColumns, messageLines(halves[0])),
          copy(databaseUrl, 'messages', messageColumns, messageLines(halves[1])),
          copy(
            databaseUrl,
            'group_events',
            ['group_id', 'seq', 'type', 'payload', 'actor_id', 'created_at'],
            eventLines(),
          ),
        ]),
      (r) => r[0] + r[1] + r[2],
    );

    const threads = await timed(
      'copy threads (their message counts and last activity)',
      () =>
        copy(
          databaseUrl,
          'threads',
          [
            'id',
            'group_id',
            'kind',
            'title',
            'author_id',
            'status',
            'gcm_objectives',
            'proposal',
            'proposal_html',
            'message_count',
            'last_activity_at',
            'created_at',
            'updated_at',
          ],
          (function* () {
            for (const p of plans) {
              const createdAt = p.createdAt.toISOString();
              for (const [t, id] of p.group.threadIds.entries()) {
                const recommendation = id === p.group.recommendationThreadId;
                const proposal = recommendation ? text(random, 15, 20) : null;
                const count = p.group.threadMessages[t];
                const lastActivity = count === 0 ? p.createdAt.getTime() : p.lastAt[t];
                yield line([
                  id,
                  p.group.id,
                  recommendation ? 'recommendation' : 'discussion',
                  `${recommendation ? 'Recommendation' : 'Discussion'} ${t + 1}: ${text(random, 3, 5)}`,
                  p.group.facilitatorId,
                  'open',
                  `{${1 + ((p.index + t) % 23)}}`,
                  proposal,
                  proposal === null ? null : html(proposal),
                  count,
                  new Date(lastActivity).toISOString(),
                  createdAt,
                  createdAt,
                ]);
              }
            }
          })(),
        ),
      (n) => n,
    );

    // Action items: each group's share, a focal person among its members, the lead organization a member's.
    const byId = new Map(users.map((u) => [u.id, u]));
    const items: { id: string; groupIndex: number; createdAt: string }[] = [];
    const itemLines = function* (part: GroupPlan[], random: () => number) {
      for (const p of part) {
        for (let k = 0; k < p.group.actionItems; k += 1) {
          const id = randomUUID();
          const focal = random() < 0.8 ? pick(random, p.group.memberIds) : null;
          const lead = byId.get(pick(random, p.group.memberIds))!.organizationId;
          const fromRecommendation = random() < 0.3;
          const roll = random();
          let status = STATUSES[STATUSES.length - 1][0];
          for (let acc = 0, s = 0; s < STATUSES.length; s += 1) {
            acc += STATUSES[s][1];
            if (roll < acc) {
              status = STATUSES[s][0];
              break;
            }
          }
          const due = random() < 0.1 ? null : new Date(now + Math.floor((random() * 360 - 120) * DAY));
          const createdAt = new Date(from + Math.floor(random() * (to - from))).toISOString();
          const objectives = [...new Set([1 + Math.floor(random() * 23), 1 + Math.floor(random() * 23)])];
          items.push({ id, groupIndex: p.index, createdAt });
          yield line([
            id,
            p.group.id,
            text(random, 4, 6),
            text(random, 10, 20),
            fromRecommendation ? 'recommendation' : null,
            fromRecommendation ? p.group.recommendationThreadId : null,
            fromRecommendation ? p.group.recommendationThreadId : null,
            lead,
            focal,
            due === null ? null : due.toISOString().slice(0, 10),
            pick(random, PRIORITIES),
            `{${objectives.join(',')}}`,
            status,
            p.group.facilitatorId,
            createdAt,
            createdAt,
          ]);
        }
      }
    };
    const itemColumns = [
      'id',
      'group_id',
      'title',
      'description',
      'source_type',
      'source_id',
      'source_thread_id',
      'lead_organization_id',
      'focal_person_id',
      'due_date',
      'priority',
      'gcm_objectives',
      'status',
      'created_by',
      'created_at',
      'updated_at',
    ];
    // Two connections, half the groups each (the search vectors are computed as the rows go in: CPU-bound).
    const actionItems = await timed(
      'copy action items (2 connections)',
      async () =>
        (
          await Promise.all(
            halves.map((part, k) =>
              copy(databaseUrl, 'action_items', itemColumns, itemLines(part, generator(seed + 303 + k))),
            ),
          )
        ).reduce((a, b) => a + b, 0),
      (n) => n,
    );
    // Three items in ten have a supporting organization; one in five a progress note by a member.
    const [supporting, notes] = await timed(
      'copy supporting organizations and progress notes',
      () =>
        Promise.all([
          copy(
            databaseUrl,
            'action_item_organizations',
            ['action_item_id', 'organization_id'],
            (function* () {
              const r = generator(seed + 101);
              for (const item of items) if (r() < 0.3) yield line([item.id, pick(r, organizations).id]);
            })(),
          ),
          copy(
            databaseUrl,
            'action_item_comments',
            ['action_item_id', 'author_id', 'kind', 'body', 'body_html', 'created_at', 'organization_id'],
            (function* () {
              const r = generator(seed + 202);
              for (const item of items) {
                if (r() >= 0.2) continue;
                const author = byId.get(pick(r, plans[item.groupIndex].group.memberIds))!;
                const body = text(r, 8, 12);
                const at = new Date(Math.min(to, Date.parse(item.createdAt) + Math.floor(r() * 7 * DAY)));
                yield line([item.id, author.id, 'progress', body, html(body), at.toISOString(), author.organizationId]);
              }
            })(),
          ),
        ]),
      (r) => r[0] + r[1],
    );

    await timed('rebuild secondary indexes (2 connections)', async () => {
      const queue = [...dropped];
      await Promise.all(
        [0, 1].map(async () => {
          const client = await connect(databaseUrl);
          try {
            await client.query(`SET maintenance_work_mem = '256MB'`);
            for (let next = queue.shift(); next; next = queue.shift()) await client.query(next.def);
          } finally {
            await client.end();
          }
        }),
      );
      dropped = [];
    });
    await timed('vacuum analyze (visibility map and statistics), checkpoint', async () => {
      await setup.query('VACUUM ANALYZE');
      // The load's WAL would otherwise set off a checkpoint in the middle of the measurements.
      await setup.query('CHECKPOINT');
    });

    const counts = {
      organizations: small.o,
      users: small.u,
      groups: small.g,
      memberships: small.m,
      threads,
      messages: messagesA + messagesB,
      events,
      actionItems,
      supportingOrganizations: supporting,
      progressNotes: notes,
    };
    const totalMs = timings.reduce((sum, t) => sum + t.ms, 0);
    log(`seeded in ${(totalMs / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
    return {
      password: DATASET_PASSWORD,
      admin: users[0],
      users,
      groups,
      organizations,
      counts,
      timings,
      totalMs,
    };
  } finally {
    // A failed load still leaves the schema whole.
    for (const index of dropped) await setup.query(index.def).catch(() => undefined);
    await setup.end();
  }
}
