import type { FileKind } from './dto/attachment.dto';

/** Exact types whose family the top-level type does not say (office formats, archives, PDF are all `application/`). */
const BY_TYPE: Record<string, FileKind> = {
  'application/pdf': 'pdf',
  'application/msword': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.oasis.opendocument.text': 'document',
  'application/rtf': 'document',
  'application/vnd.ms-excel': 'spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'spreadsheet',
  'application/vnd.oasis.opendocument.spreadsheet': 'spreadsheet',
  'text/csv': 'spreadsheet',
  'application/vnd.ms-powerpoint': 'presentation',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'presentation',
  'application/vnd.oasis.opendocument.presentation': 'presentation',
  'application/zip': 'archive',
  'application/x-zip-compressed': 'archive',
  'application/x-7z-compressed': 'archive',
  'application/x-rar-compressed': 'archive',
  'application/vnd.rar': 'archive',
  'application/gzip': 'archive',
  'application/x-tar': 'archive',
  'application/json': 'text',
};

/** By the top-level type, when the exact type is not listed. */
const BY_FAMILY: Record<string, FileKind> = { image: 'image', audio: 'audio', video: 'video', text: 'text' };

/**
 * How a file is shown and filtered, from its content type (the sniffed one; parameters such as `; charset=utf-8`
 * and letter case do not matter). Anything unknown is 'other'.
 */
export function fileKindOf(contentType: string): FileKind {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return BY_TYPE[type] ?? BY_FAMILY[type.split('/')[0]] ?? 'other';
}
