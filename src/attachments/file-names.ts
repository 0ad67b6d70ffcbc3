import { BadRequestException } from '@nestjs/common';
import { refusal } from '../common/errors/refusal';

/** PostgreSQL's column and most file systems: 255 bytes of UTF-8. */
export const MAX_NAME_BYTES = 255;

/** C0 and C1 controls, DEL, and the invisible characters that reorder or hide text (bidi overrides, isolates). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest start of `text` within `bytes` of UTF-8, never cutting a character (or a surrogate pair) in two. */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  for (const char of text) {
    if (utf8Length(out + char) > bytes) break;
    out += char;
  }
  return out;
}

/**
 * The name a file is stored and served under: Unicode NFC (Arabic kept as written), only the last part of any path
 * (`/` or `\`), no control or bidi-override characters, no leading or trailing dots and spaces (`..`, a hidden
 * `.name`, Windows' trailing dot), at most 255 bytes of UTF-8 with the extension kept. Nothing left: 400.
 */
export function cleanFileName(raw: string): string {
  const lastPart = raw.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const cleaned = lastPart
    .replace(CONTROL, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .toWellFormed();
  if (!cleaned) throw new BadRequestException(refusal('file-name-invalid'));
  if (utf8Length(cleaned) <= MAX_NAME_BYTES) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  const stem = cleaned.slice(0, cleaned.length - extension.length);
  return cutToBytes(stem, MAX_NAME_BYTES - utf8Length(extension)).replace(/[.\s]+$/, '') + extension;
}

/** The extension, lower case and without its dot ('' when none): what the name claims the file is. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}
