import { beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';

// Preact's signals ship only as an ES module, which Jest on Node 20 cannot load: a plain box does the same here.
jest.mock('@preact/signals', () => ({
  signal: <T>(value: T) => ({ value }),
  computed: <T>(read: () => T) => ({
    get value() {
      return read();
    },
  }),
}));

type Module = typeof import('./attachments');
type Http = typeof import('./http');
type Session = typeof import('./session');
let attachments: Module;
let http: Http;
let session: Session['session'];

/** A stand-in for the browser's XMLHttpRequest: records what was sent, answers as each test says. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  static answer: (xhr: FakeXhr) => void = () => undefined;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  aborted = false;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
    FakeXhr.answer(this);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

const stored = { id: 'a1', name: 'محضر.pdf', size: 3, place: null };

beforeAll(async () => {
  const store = new Map<string, string>([['tansiq.locale', 'ar']]);
  Object.assign(globalThis, {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
      removeItem: (k: string) => store.delete(k),
    },
    document: { documentElement: {} },
    XMLHttpRequest: FakeXhr,
    // The session module would open a channel to other tabs, which keeps Node running after the tests.
    BroadcastChannel: undefined,
  });
  attachments = await import('./attachments');
  http = await import('./http');
  session = (await import('./session')).session;
});

beforeEach(() => {
  FakeXhr.sent = [];
  jest.restoreAllMocks();
  jest.spyOn(session, 'accessToken').mockReturnValue('token-1');
});

describe('upload', () => {
  it('posts the file as the multipart part `file`, with the bearer token and the language shown', async () => {
    FakeXhr.answer = (xhr) => xhr.respond(201, stored);
    const file = new File(['pdf'], 'محضر.pdf', { type: 'application/pdf' });
    const answer = await attachments.upload('g 1', file, () => undefined).done;
    expect(answer).toEqual(stored);
    const [xhr] = FakeXhr.sent;
    expect([xhr.method, xhr.url]).toEqual(['POST', '/api/groups/g%201/attachments']);
    expect(xhr.headers).toMatchObject({ Authorization: 'Bearer token-1', 'Accept-Language': 'ar' });
    const part = xhr.body?.get('file') as File;
    expect([part.name, part.size]).toEqual(['محضر.pdf', 3]);
  });

  it('reports progress as the bytes go', async () => {
    FakeXhr.answer = (xhr) => {
      xhr.upload.onprogress?.({ loaded: 1, total: 3, lengthComputable: true });
      xhr.upload.onprogress?.({ loaded: 3, total: 3, lengthComputable: true });
      xhr.respond(201, stored);
    };
    const seen: number[] = [];
    await attachments.upload('g1', new File(['pdf'], 'a.pdf'), (sent) => seen.push(sent)).done;
    expect(seen).toEqual([1, 3]);
  });

  it('rejects with the API error, code and parameters kept, for the texts to say', async () => {
    FakeXhr.answer = (xhr) =>
      xhr.respond(413, {
        statusCode: 413,
        error: 'Payload Too Large',
        code: 'file-too-large',
        params: { max: 25 },
        message: 'x',
      });
    const failure = await attachments.upload('g1', new File(['x'], 'big.pdf'), () => undefined).done.catch((e) => e);
    expect(failure).toBeInstanceOf(http.ApiError);
    expect((failure as InstanceType<Http['ApiError']>).body).toMatchObject({
      code: 'file-too-large',
      params: { max: 25 },
    });
  });

  it('keeps the status when the body is not the API shape (a proxy cut the upload off)', async () => {
    FakeXhr.answer = (xhr) => xhr.respond(413, '<html>Request Entity Too Large</html>');
    const failure = await attachments.upload('g1', new File(['x'], 'big.pdf'), () => undefined).done.catch((e) => e);
    expect((failure as InstanceType<Http['ApiError']>).status).toBe(413);
  });

  it('refreshes an expired token once and sends the file again', async () => {
    let calls = 0;
    FakeXhr.answer = (xhr) => (++calls === 1 ? xhr.respond(401, { statusCode: 401 }) : xhr.respond(201, stored));
    const refresh = jest.spyOn(session, 'refresh').mockResolvedValue(true);
    jest.spyOn(session, 'accessToken').mockReturnValueOnce('old').mockReturnValueOnce('old').mockReturnValue('new');
    await expect(attachments.upload('g1', new File(['x'], 'a.pdf'), () => undefined).done).resolves.toEqual(stored);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(FakeXhr.sent.map((xhr) => xhr.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('aborts: the request is cancelled and the upload rejects as aborted', async () => {
    FakeXhr.answer = () => undefined; // still sending
    const job = attachments.upload('g1', new File(['x'], 'a.pdf'), () => undefined);
    job.abort();
    const failure = await job.done.catch((e) => e);
    expect((failure as DOMException).name).toBe('AbortError');
    expect(FakeXhr.sent[0].aborted).toBe(true);
  });
});
