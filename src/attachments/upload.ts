import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { createHash } from 'node:crypto';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { refusal } from '../common/errors/refusal';
import { SNIFF_BYTES } from './sniff';

export const MIB = 1024 * 1024;
/** What multipart framing may add to a file's bytes: boundaries and the part's headers (a long name included). */
const MULTIPART_OVERHEAD = 16 * 1024;

export const fileTooLarge = (maxMb: number) => new PayloadTooLargeException(refusal('file-too-large', { max: maxMb }));
export const quotaExceeded = (quotaMb: number) =>
  new PayloadTooLargeException(refusal('group-quota-exceeded', { max: quotaMb }));

/** Refuses before a byte is read when the request says it is larger than any allowed file (413). */
export function checkDeclaredLength(req: IncomingMessage, maxMb: number): number | null {
  const declared = req.headers['content-length'];
  if (declared === undefined) return null;
  const length = Number(declared);
  if (Number.isFinite(length) && length > maxMb * MIB + MULTIPART_OVERHEAD) throw fileTooLarge(maxMb);
  return Number.isFinite(length) ? length : null;
}

/** What a refused upload's sender may still send, read and dropped, before its connection is cut. */
const DRAIN_LIMIT = 256 * MIB;

/**
 * After a refusal, the rest of the body is read and dropped (never kept) so the sender, still writing, gets to read
 * the answer: closing at once would reset the connection, and a reset can discard the 413 before it is read. A sender
 * that goes on past DRAIN_LIMIT is cut off.
 */
export function drainRefusedUpload(req: IncomingMessage): void {
  if (req.readableEnded) return;
  let drained = 0;
  req.on('data', (piece: Buffer) => {
    drained += piece.length;
    if (drained > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
}

export interface MeterLimits {
  maxMb: number;
  /** Bytes the group may still store, and its quota for the refusal's text. */
  quotaLeft: number;
  quotaMb: number;
  /** Decides on the first bytes (the head): throws to refuse the file, answers its content type. */
  judge: (head: Buffer) => Promise<string>;
}

/**
 * What an upload passes through on its way to the store: counts and hashes every byte, holds back only the first
 * 4100 for the sniffer (nothing reaches the store before the head is judged), and fails the stream the moment the
 * size limit or the group's quota is passed.
 */
export class FileMeter extends Transform {
  size = 0;
  contentType: string | null = null;
  private readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headBytes = 0;

  constructor(private readonly limits: MeterLimits) {
    super();
  }

  get sha256(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limits.maxMb * MIB) return done(fileTooLarge(this.limits.maxMb));
    if (this.size > this.limits.quotaLeft) return done(quotaExceeded(this.limits.quotaMb));
    this.hash.update(chunk);
    if (this.contentType !== null) return done(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return done();
    this.release(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.contentType !== null) return done();
    this.release(done);
  }

  private release(done: TransformCallback): void {
    const held = Buffer.concat(this.head, this.headBytes);
    this.head = [];
    this.limits.judge(held.subarray(0, SNIFF_BYTES)).then(
      (contentType) => {
        this.contentType = contentType;
        done(null, held);
      },
      (error: Error) => done(error),
    );
  }
}

/**
 * Reads a multipart request's one file part (`file`) with busboy, streaming: `handle` gets the part's name and bytes
 * as they arrive and its answer is the upload's. Busboy stops at the size limit (the meter is failed with a 413), takes
 * one file, no fields, two parts at most; a request without a `file` part is a 400 `file-missing`.
 */
export function receiveFile<T>(
  req: IncomingMessage,
  maxMb: number,
  handle: (name: string, bytes: Readable) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxMb * MIB, files: 1, fields: 0, parts: 2 },
        defParamCharset: 'utf8',
        preservePath: true,
      });
    } catch {
      reject(new BadRequestException(refusal('file-missing')));
      return;
    }
    let started = false;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const stop = () => {
      req.unpipe(parser);
      parser.removeAllListeners('file');
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || started) {
        stream.resume();
        return;
      }
      started = true;
      // Busboy stops at the limit and ends the part as if it were whole: fail it, so the meter and the store see it.
      stream.once('limit', () => stream.emit('error', fileTooLarge(maxMb)));
      handle(info.filename ?? '', stream).then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => {
          stop();
          stream.resume();
          settle(() => reject(error));
        },
      );
    });
    parser.on('close', () => {
      if (!started) settle(() => reject(new BadRequestException(refusal('file-missing'))));
    });
    parser.on('error', (error: Error) => {
      stop();
      settle(() => reject(started ? error : new BadRequestException(refusal('file-missing'))));
    });
    req.on('aborted', () => parser.destroy(new Error('the upload was aborted')));
    req.pipe(parser);
  });
}
