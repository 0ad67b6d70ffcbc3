import { Injectable } from '@nestjs/common';
import { PDFDocument } from 'pdf-lib';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import type { FilePreview, PreviewMaker } from './preview';

/** More pixels than this is refused before decoding: a small file declaring 50000 × 50000 is a decompression bomb. */
const PIXEL_LIMIT = 40_000_000;
const THUMBNAIL_SIDE = 320;
/** Images decoded for a thumbnail and PDFs parsed for a page count: larger ones get no preview. */
const MAX_IMAGE_BYTES = 30 * 1024 * 1024;
const MAX_PDF_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/tiff']);

const NONE: FilePreview = { width: null, height: null, pageCount: null, thumbnail: null };

/** Reads a stream into memory, giving up (null) past `max` bytes. */
async function readAtMost(stream: Readable, max: number): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const piece of stream as AsyncIterable<Buffer>) {
    total += piece.length;
    if (total > max) {
      stream.destroy();
      return null;
    }
    parts.push(piece);
  }
  return Buffer.concat(parts, total);
}

/**
 * Previews with sharp (images: size and a WebP thumbnail of at most 320 × 320, under a pixel limit and failing on
 * any decoding error) and pdf-lib (a PDF's page count). Whatever cannot be read gets nulls, never an error.
 */
@Injectable()
export class SharpPreviewMaker implements PreviewMaker {
  async describe(contentType: string, open: () => Promise<Readable>, size: number): Promise<FilePreview> {
    try {
      if (IMAGE_TYPES.has(contentType) && size <= MAX_IMAGE_BYTES) return await this.image(await open());
      if (contentType === 'application/pdf' && size <= MAX_PDF_BYTES) return await this.pdf(await open());
    } catch {
      // A file its type's decoder cannot read is stored as it is, without a preview.
    }
    return NONE;
  }

  private async image(stream: Readable): Promise<FilePreview> {
    const bytes = await readAtMost(stream, MAX_IMAGE_BYTES);
    if (!bytes) return NONE;
    // Sequential reading lets libvips decode an image in strips on its way to the thumbnail, not whole.
    const options = { limitInputPixels: PIXEL_LIMIT, failOn: 'error' as const, sequentialRead: true };
    const metadata = await sharp(bytes, options).metadata();
    const thumbnail = await sharp(bytes, options)
      .rotate()
      .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const rotated = (metadata.orientation ?? 1) >= 5;
    const width = metadata.width ?? null;
    const height = metadata.height ?? null;
    return { width: rotated ? height : width, height: rotated ? width : height, pageCount: null, thumbnail };
  }

  private async pdf(stream: Readable): Promise<FilePreview> {
    const bytes = await readAtMost(stream, MAX_PDF_BYTES);
    if (!bytes) return NONE;
    const document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return { ...NONE, pageCount: document.getPageCount() };
  }
}
