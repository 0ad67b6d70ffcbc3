/**
 * What a partner writes against Tansiq's published contract: plain fetch, typed only by what openapi-typescript
 * generates from /api/docs-json (`./tansiq-api`, made by test/e2e/openapi-contract.e2e-spec.ts beside a copy of this
 * file; hence excluded from test/tsconfig.json). No hand-written API types: if an answer goes untyped in the
 * document, the compile-time checks below fail and so does the test.
 */
import type { paths } from './tansiq-api';

/** The JSON body a path and method answer with `status`. */
type Answer<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;
/** The JSON body a path and method take. */
type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

type GroupPage = Answer<'/api/groups', 'get', 200>;
type Group = GroupPage['items'][number];
type ThreadPage = Answer<'/api/groups/{groupId}/threads', 'get', 200>;
type Thread = Answer<'/api/threads/{threadId}', 'get', 200>;
type MessagePage = Answer<'/api/threads/{threadId}/messages', 'get', 200>;
type CatchUp = Answer<'/api/groups/{groupId}/events', 'get', 200>;
type FeedEvent = CatchUp['events'][number];
type ActionItem = Answer<'/api/actions/{actionId}', 'get', 200>;
type ActionItemUpdate = RequestBody<'/api/actions/{actionId}', 'patch'>;
type Refusal = Answer<'/api/actions/{actionId}', 'patch', 412>;

// Compile-time checks: none of what the script uses may be any, unknown or never.
type IsAny<T> = 0 extends 1 & T ? true : false;
type IsNever<T> = [T] extends [never] ? true : false;
type IsUnknown<T> = IsAny<T> extends true ? false : unknown extends T ? true : false;
type Typed<T> =
  IsAny<T> extends true ? false : IsNever<T> extends true ? false : IsUnknown<T> extends true ? false : true;
type Assert<T extends true> = T;
export type Checks = [
  Assert<Typed<GroupPage>>,
  Assert<Typed<Group>>,
  Assert<Typed<Group['id']>>,
  Assert<Typed<Group['lastSeq']>>,
  Assert<Typed<GroupPage['nextCursor']>>,
  Assert<Typed<ThreadPage['items'][number]>>,
  Assert<Typed<Thread>>,
  Assert<Typed<Thread['title']>>,
  Assert<Typed<MessagePage['items'][number]['body']>>,
  Assert<Typed<CatchUp>>,
  Assert<Typed<FeedEvent>>,
  Assert<Typed<FeedEvent['seq']>>,
  Assert<Typed<FeedEvent['type']>>,
  Assert<Typed<Extract<FeedEvent, { type: 'action.updated' }>['data']['version']>>,
  Assert<Typed<CatchUp['hasMore']>>,
  Assert<Typed<ActionItem>>,
  Assert<Typed<ActionItem['priority']>>,
  Assert<Typed<ActionItemUpdate>>,
  Assert<Typed<Refusal>>,
  Assert<Typed<Refusal['code']>>,
];

export class RefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: Refusal,
  ) {
    super(`${status} ${body.code}: ${body.message}`);
  }
}

export interface SyncReport {
  groups: number;
  thread: string | null;
  events: number;
  update: string;
}

export async function partnerSync(baseUrl: string, token: string): Promise<SyncReport> {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  async function call<T>(path: string, init: RequestInit = {}): Promise<{ body: T; response: Response }> {
    const response = await fetch(`${baseUrl}${path}`, { ...init, headers: { ...headers, ...init.headers } });
    if (!response.ok) throw new RefusedError(response.status, (await response.json()) as Refusal);
    return { body: (await response.json()) as T, response };
  }

  // List groups, page by page.
  const groups: Group[] = [];
  for (let cursor: string | null = ''; cursor !== null;) {
    const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    const page: GroupPage = (await call<GroupPage>(`/api/groups${query}`)).body;
    groups.push(...page.items);
    cursor = page.nextCursor;
  }
  const group = groups[0];
  if (!group) return { groups: 0, thread: null, events: 0, update: 'no groups' };

  // Read a thread and its messages.
  const threads = (await call<ThreadPage>(`/api/groups/${group.id}/threads`)).body;
  const first = threads.items[0];
  let title: string | null = null;
  if (first) {
    const thread = (await call<Thread>(`/api/threads/${first.id}`)).body;
    const messages = (await call<MessagePage>(`/api/threads/${thread.id}/messages`)).body;
    title = `${thread.title} (${messages.items.filter((message) => message.body !== null).length} messages)`;
  }

  // Catch up by seq: from 0 to the group's newest, as many calls as it takes.
  let after = 0;
  let seen = 0;
  let actionId: string | null = null;
  for (let more = true; more;) {
    const catchUp = (await call<CatchUp>(`/api/groups/${group.id}/events?after=${after}`)).body;
    if (catchUp.resync) after = 0;
    for (const event of catchUp.events) {
      after = event.seq;
      seen += 1;
      if (event.type === 'action.created' || event.type === 'action.updated') actionId = event.data.id;
    }
    more = catchUp.hasMore;
  }
  const report = { groups: groups.length, thread: title, events: seen };
  if (!actionId) return { ...report, update: 'no action items' };

  // Update an action item with If-Match: the ETag its GET answered.
  const read = await call<ActionItem>(`/api/actions/${actionId}`);
  const etag = read.response.headers.get('ETag');
  if (!etag) throw new Error('no ETag');
  const change: ActionItemUpdate = { priority: read.body.priority === 'high' ? 'low' : 'high' };
  try {
    const updated = await call<ActionItem>(`/api/actions/${actionId}`, {
      method: 'PATCH',
      headers: { 'If-Match': etag },
      body: JSON.stringify(change),
    });
    return { ...report, update: `${updated.body.priority} at version ${updated.body.version}` };
  } catch (error) {
    // Someone changed it since it was read: the refusal names If-Match.
    if (error instanceof RefusedError && error.status === 412) return { ...report, update: 'changed meanwhile' };
    throw error;
  }
}
