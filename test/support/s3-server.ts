import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's built-in account: it accepts any SigV4 signature made with this key. */
const ACCESS_KEY = 'S3RVER';
const SECRET = 'S3RVER';
export const TEST_BUCKET = 'tansiq-test';

export interface S3Server {
  /** The server as S3_URL names it: s3://S3RVER:S3RVER@127.0.0.1:<port>/tansiq-test?region=us-east-1&tls=false */
  url: string;
  /** The folder s3rver keeps buckets, objects and unfinished multipart uploads in. */
  directory: string;
  stop(): Promise<void>;
}

/** An S3-protocol server on a free port of 127.0.0.1, its bucket created, its files in a fresh temporary folder. */
export async function startS3Server(): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'tansiq-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  const { port } = await server.run();
  return {
    url: `s3://${ACCESS_KEY}:${SECRET}@127.0.0.1:${port}/${TEST_BUCKET}?region=us-east-1&tls=false`,
    directory,
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * For a suite that should run against S3: starts s3rver in a beforeAll (declare it before the hook that creates the
 * app, hooks run in order) and stops it in an afterAll. `env()` is what the app needs, e.g.
 * `const s3 = withS3Env(); beforeAll(async () => (app = await createTestApp(s3.env())));`
 */
export function withS3Env(): { env(): Record<string, string>; server(): S3Server } {
  let server: S3Server | undefined;
  const running = (): S3Server => {
    if (!server) throw new Error('withS3Env(): the S3 server is not running (call env() inside a hook or test)');
    return server;
  };
  beforeAll(async () => {
    server = await startS3Server();
  });
  afterAll(async () => {
    await server?.stop();
    server = undefined;
  });
  return { env: () => ({ S3_URL: running().url }), server: running };
}
