import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { clusterSuite, groupWithMembers, nodeEnv, startNode } from '../support/chaos';
import { forgetRedisKeys } from '../support/cluster-client';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Issue 18: uploads stream from the socket to the store; nothing holds a file in memory. The server runs as its own
 * process (`dist/main.js`, so build first), with the default MAX_UPLOAD_MB (25), and its resident memory is read
 * from /proc/<pid>/status while it takes the upload: measured on the server, not in the test process.
 */
const MIB = 1024 * 1024;
const MAX_GROWTH_MB = 50;
const BOUNDARY = 'tansiq-memory-boundary';

/** The server's resident memory now, in MiB (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error('no VmRSS in /proc: this test needs Linux');
  return Number(match[1]) / 1024;
}

/** Samples the server's RSS every 25 ms while `work` runs; answers the highest seen. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = rssMb(pid);
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 25);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peakMb, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * A multipart body of `size` bytes of file, made as it is sent (one 64 KiB random block, repeated): never a buffer of
 * the whole. Its SHA-256 is known once it has been read to the end.
 */
function multipartStream(size: number, name: string): { stream: Readable; sha256: () => string; length: number } {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const block = randomBytes(64 * 1024);
  const hash = createHash('sha256');
  async function* parts() {
    yield head;
    for (let sent = 0; sent < size; sent += block.length) {
      const piece = block.subarray(0, Math.min(block.length, size - sent));
      hash.update(piece);
      yield piece;
    }
    yield tail;
  }
  return { stream: Readable.from(parts()), sha256: () => hash.digest('hex'), length: head.length + size + tail.length };
}

interface Answer {
  status: number;
  body: string;
}

/** POSTs the stream; answers the server's response even when it refuses before the body is all sent. */
function send(node: ServerProcess, path: string, token: string, body: Readable, length?: number): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    let answered: Answer | null = null;
    const req = request(`${node.url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        ...(length === undefined ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(length) }),
      },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        answered = { status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') };
        // Refused before the body was all sent: stop sending.
        body.unpipe(req);
        body.destroy();
        req.destroy();
        resolve(answered);
      });
    });
    // A refusal closes the connection while we still write: that is the point, once the answer is in.
    req.on('error', (error) => {
      body.destroy();
      if (!answered) setTimeout(() => (answered ? undefined : reject(error)), 2000);
    });
    body.pipe(req);
  });
}

const { run, title } = clusterSuite('attachments: large uploads stream, the server never holds them');

run(title, () => {
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  let node: ServerProcess;
  let token: string;
  let groupId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = nodeEnv(database, {});
    node = await startNode(env);
    const group = await groupWithMembers([node], 0);
    token = group.facilitator.accessToken;
    groupId = group.id;
    // Warm up: the upload path's modules loaded and its pools made, so what is measured is the upload itself.
    for (let i = 0; i < 3; i += 1) {
      const warm = multipartStream(2 * MIB, 'warm.bin');
      expect((await send(node, `/api/groups/${groupId}/attachments`, token, warm.stream)).status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await stopAllServers();
    await database?.drop();
    if (env) await forgetRedisKeys(env.REDIS_PREFIX);
  }, 30_000);

  it(`refuses a 200 MB upload with 413, streamed or declared, while the server's RSS grows by < ${MAX_GROWTH_MB} MB`, async () => {
    const baseline = rssMb(node.process.pid!);
    const { result, peakMb } = await peakRss(node.process.pid!, async () => {
      const streamed = multipartStream(200 * MIB, 'huge.bin');
      const chunked = await send(node, `/api/groups/${groupId}/attachments`, token, streamed.stream);
      const declaredBody = multipartStream(200 * MIB, 'huge.bin');
      const declared = await send(
        node,
        `/api/groups/${groupId}/attachments`,
        token,
        declaredBody.stream,
        declaredBody.length,
      );
      return { chunked, declared };
    });
    expect(result.chunked.status).toBe(413);
    expect(JSON.parse(result.chunked.body)).toMatchObject({ code: 'file-too-large', params: { max: 25 } });
    expect(result.declared.status).toBe(413);
    console.log(`200 MB refused: server RSS ${baseline.toFixed(1)} MB → peak ${peakMb.toFixed(1)} MB`);
    expect(peakMb - baseline).toBeLessThan(MAX_GROWTH_MB);
  }, 120_000);

  it(`stores a 20 MB upload whole (same SHA-256) while the server's RSS grows by < ${MAX_GROWTH_MB} MB`, async () => {
    const baseline = rssMb(node.process.pid!);
    const file = multipartStream(20 * MIB, 'twenty.bin');
    const { result, peakMb } = await peakRss(node.process.pid!, () =>
      send(node, `/api/groups/${groupId}/attachments`, token, file.stream),
    );
    expect(result.status).toBe(201);
    const stored = JSON.parse(result.body);
    expect(stored.size).toBe(20 * MIB);
    const { Client } = await import('pg');
    const db = new Client({ connectionString: database!.env.DATABASE_URL });
    await db.connect();
    const { rows } = await db.query('SELECT sha256 FROM attachments WHERE id = $1', [stored.id]);
    await db.end();
    expect(rows[0].sha256).toBe(file.sha256());
    console.log(`20 MB stored: server RSS ${baseline.toFixed(1)} MB → peak ${peakMb.toFixed(1)} MB`);
    expect(peakMb - baseline).toBeLessThan(MAX_GROWTH_MB);
  }, 120_000);
});
