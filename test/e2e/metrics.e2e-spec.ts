import { createThread, postMessage, setupGroup, TestGroup } from '../support/factories';
import { connect, TestSocket, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

const TOKEN = 'metrics-token-0123456789abcdef';

/** Parses the exposition text into `name{labels} value` → value, for the lines a test asks about. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z0-9_:]+)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[4]);
  }
  return null;
}

/** Prometheus metrics on the real app: behind their token, by route pattern, and the figures operators watch. */
describe('metrics', () => {
  let t: TestApp;
  let url: string;
  let group: TestGroup;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
    url = await t.listen();
    group = await setupGroup(t);
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t.close();
  });

  const scrape = async () => {
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  it('answers only the bearer token', async () => {
    expect((await t.http().get('/metrics')).status).toBe(401);
    expect((await t.http().get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789abc')).status).toBe(401);
    await scrape();
  });

  it('counts requests by route pattern, times deliveries, and reads sockets, pool and queues at scrape', async () => {
    const watcher = await connect(url, group.member.accessToken);
    sockets.push(watcher);
    const thread = await createThread(t, group.id, group.facilitator);
    await postMessage(t, thread.id, group.facilitator, 'Counted once');
    await t.http().get(`/api/groups/${group.id}`).set(group.member.auth);
    const text = await scrape();

    const route = { method: 'POST', route: '/api/threads/:threadId/messages', status: '201' };
    expect(sample(text, 'tansiq_http_requests_total', route)).toBeGreaterThanOrEqual(1);
    // One series per route, never per id.
    expect(text).not.toContain(thread.id);
    expect(sample(text, 'tansiq_http_request_duration_seconds_count', { route: route.route })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, 'tansiq_delivery_lag_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'tansiq_sockets_connected')).toBe(1);
    expect(sample(text, 'tansiq_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tansiq_job_queue_jobs', { queue: 'email.send', state: 'ready' })).not.toBeNull();
    expect(sample(text, 'tansiq_nodejs_eventloop_lag_p99_seconds')).not.toBeNull();
  });

  it('counts socket events and times their acknowledgements', async () => {
    const socket = await connect(url, group.member.accessToken);
    sockets.push(socket);
    await socket.emitWithAck('sync', { groupId: group.id, after: 0 });
    await waitFor(() => true);
    const text = await scrape();
    expect(sample(text, 'tansiq_socket_events_total', { event: 'sync' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tansiq_socket_event_duration_seconds_count', { event: 'sync' })).toBeGreaterThanOrEqual(1);
  });

  it('does not exist without a token configured', async () => {
    const bare = await createTestApp();
    try {
      expect((await bare.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
