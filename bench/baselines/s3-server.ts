/**
 * The S3 store of `attachments-s3`: s3rver (an S3-protocol server writing objects to files) in its own process, so
 * its CPU is counted apart from the product's, on PORT, with its objects in a temporary folder removed on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { installBenchIpc } from '../lib/ipc-server';

const S3_BUCKET = 'tansiq-bench';

const directory = mkdtempSync(join(tmpdir(), 'tansiq-bench-s3-'));
process.on('exit', () => rmSync(directory, { recursive: true, force: true }));
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(process.env.PORT),
  silent: true,
  directory,
  configureBuckets: [{ name: S3_BUCKET }],
});
const running = server.run();
installBenchIpc({ ready: async () => ({ address: await running }) });
