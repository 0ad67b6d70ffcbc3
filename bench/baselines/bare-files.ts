/**
 * The attachments baseline: Node's http module and busboy, nothing else. POST /upload streams a multipart body's
 * `file` part to /dev/null (what the product does minus storing, hashing, sniffing and previews); GET /file
 * streams a file of FILE_BYTES bytes from disk (the product reads it from PostgreSQL or S3 instead).
 */
import busboy from 'busboy';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { installBenchIpc } from '../lib/ipc-server';

const folder = mkdtempSync(join(tmpdir(), 'tansiq-bench-files-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
const file = join(folder, 'file.bin');
const block = randomBytes(1024 * 1024);
const bytes = Number(process.env.FILE_BYTES ?? 10 * 1024 * 1024);
writeFileSync(file, Buffer.alloc(0));
for (let written = 0; written < bytes; written += block.length) {
  writeFileSync(file, block.subarray(0, Math.min(block.length, bytes - written)), { flag: 'a' });
}

function upload(req: http.IncomingMessage, res: http.ServerResponse): void {
  let size = 0;
  const parser = busboy({ headers: req.headers, limits: { files: 1 } });
  parser.on('file', (_name, stream) => {
    stream.on('data', (chunk: Buffer) => (size += chunk.length));
    void pipeline(stream, createWriteStream('/dev/null')).catch(() => undefined);
  });
  parser.on('close', () => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ size }));
  });
  parser.on('error', () => {
    res.writeHead(400).end();
  });
  req.pipe(parser);
}

function download(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
  void pipeline(createReadStream(file), res).catch(() => undefined);
}

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/upload') return upload(req, res);
  if (req.method === 'GET' && req.url === '/file') return download(res);
  res.writeHead(404).end();
});
const listening = new Promise<void>((resolve) => server.listen(Number(process.env.PORT), '127.0.0.1', resolve));
installBenchIpc({ ready: async () => (await listening, { ok: true }) });
