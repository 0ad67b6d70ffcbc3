import type { Readable } from 'node:stream';

/** What a look at a stored file's bytes tells, once, at upload. */
export interface FilePreview {
  width: number | null;
  height: number | null;
  pageCount: number | null;
  /** A small WebP image (at most 320 × 320) to show in the file card, or null when none could be made. */
  thumbnail: Buffer | null;
}

/**
 * Makes a file's preview from its stored bytes (images: a thumbnail with sharp under a pixel limit, so a
 * decompression bomb is refused, not rendered; PDFs: the page count). Never throws for a file it cannot read:
 * it answers with nulls.
 */
export interface PreviewMaker {
  describe(contentType: string, open: () => Promise<Readable>, size: number): Promise<FilePreview>;
}

export const PREVIEW_MAKER = Symbol('PREVIEW_MAKER');
