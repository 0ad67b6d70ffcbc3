import { Injectable, Logger } from '@nestjs/common';
import { PDFDocument } from 'pdf-lib';
import sharp, { type SharpOptions } from 'sharp';
import type { Readable } from 'node:stream';
import type { FilePreview, PreviewMaker } from './preview';

/**
 * libvips otherwise starts a thread per core for every image and keeps decoded images in a cache. On two cores that
 * is both cores busy on one thumbnail while the event loop (every socket's messages) and PostgreSQL wait, and each
 * image also holds one of libuv's four pool threads, which file reads and DNS lookups share. One libvips thread, no
 * cache and one preview at a time (below) keep previews to one core and one pool thread, and their memory to the
 * image at hand. Set once, when this file is loaded: the settings are process-wide.
 */
sharp.concurrency(1);
sharp.cache(false);

/** Images whose decoded pixels would pass this are refused unread: a small file may declare a huge canvas. */
const MAX_PIXELS = 40_000_000;
/** Bytes read into memory to look at a file: more than that and it gets no preview. */
const MAX_BYTES = 25 * 1024 * 1024;
const TIMEOUT_MS = 10_000;
const THUMBNAIL_SIZE = 320;

/** The sniffed types sharp reads, with the format libvips must find in the bytes for each. */
const IMAGE_FORMATS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'heif',
  'image/tiff': 'tiff',
};

const NONE: FilePreview = { width: null, height: null, pageCount: null, thumbnail: null };

/**
 * Previews with sharp (raster images: dimensions and a WebP thumbnail) and pdf-lib (PDFs: the page count).
 * A PDF gets no picture of its first page: rendering one needs a PDF renderer and a canvas (pdf.js with node-canvas,
 * or poppler), native code this server does not carry; the client shows a PDF card with its page count instead.
 * BMP gets nothing either: sharp's prebuilt libvips has no BMP loader.
 */
@Injectable()
export class SharpPreviewMaker implements PreviewMaker {
  private readonly logger = new Logger(SharpPreviewMaker.name);
  /** One preview at a time in this process: the other core stays free for the event loop and the database. */
  private queue: Promise<unknown> = Promise.resolve();

  async describe(contentType: string, open: () => Promise<Readable>, size: number): Promise<FilePreview> {
    const format = IMAGE_FORMATS[contentType];
    const isPdf = contentType === 'application/pdf';
    if ((!format && !isPdf) || size > MAX_BYTES || size <= 0) return NONE;
    const work = this.queue.then(async () => {
      const bytes = await readCapped(await open(), MAX_BYTES);
      if (!bytes) return NONE;
      return format ? describeImage(bytes, format) : describePdf(bytes);
    });
    // The next preview starts when this one has really finished, even after its caller stopped waiting for it; a
    // source that never answers holds the line for three timeouts at most.
    this.queue = Promise.race([work.catch(() => undefined), delay(3 * TIMEOUT_MS)]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<FilePreview>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn(`no preview for a ${contentType} of ${size} bytes: it took more than ${TIMEOUT_MS} ms`);
        resolve(NONE);
      }, TIMEOUT_MS);
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      this.logger.debug(`no preview for a ${contentType} of ${size} bytes: ${(error as Error).message}`);
      return NONE;
    } finally {
      clearTimeout(timer);
    }
  }
}

async function describeImage(bytes: Buffer, format: string): Promise<FilePreview> {
  const options: SharpOptions = { limitInputPixels: MAX_PIXELS, failOn: 'error', sequentialRead: true };
  // The header only: dimensions without decoding a pixel.
  const metadata = await sharp(bytes, options).metadata();
  // The bytes must be the format their sniffed type says (a TIFF or SVG must not pass for another image).
  if (metadata.format !== format) return NONE;
  const { width, height } = metadata.autoOrient ?? metadata;
  if (!width || !height || width * height > MAX_PIXELS) return NONE;
  let thumbnail: Buffer | null = null;
  try {
    thumbnail = await sharp(bytes, options)
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer(); // sharp writes no metadata (EXIF, GPS, ICC comments) unless asked to
  } catch {
    // A header that reads but pixels that do not (truncated, corrupt): the size is still known.
  }
  return { width, height, pageCount: null, thumbnail };
}

async function describePdf(bytes: Buffer): Promise<FilePreview> {
  // The default parse speed yields to the event loop every 100 objects, so a long PDF holds the loop for tens of
  // milliseconds at a time, not for the whole parse (300 pages: ~260 ms in all, ~40 ms at most in one stretch).
  const document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  const pageCount = document.getPageCount();
  return { ...NONE, pageCount: pageCount > 0 ? pageCount : null };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The stream's bytes, or null (the stream destroyed) once it passes `cap`. */
async function readCapped(stream: Readable, cap: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      length += buffer.length;
      if (length > cap) return null;
      chunks.push(buffer);
    }
  } finally {
    // Also on return and throw: frees the source (a database connection or an S3 socket).
    if (!stream.destroyed) stream.destroy();
  }
  return Buffer.concat(chunks, length);
}
