import type { SqlParameters } from '../common/sql-parameters';
import type { FileKind } from './dto/attachment.dto';

const EXACT: Record<string, FileKind> = {
  'application/pdf': 'pdf',
  'application/msword': 'document',
  'application/rtf': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.oasis.opendocument.text': 'document',
  'application/vnd.ms-excel': 'spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'spreadsheet',
  'application/vnd.oasis.opendocument.spreadsheet': 'spreadsheet',
  'text/csv': 'spreadsheet',
  'text/tab-separated-values': 'spreadsheet',
  'application/vnd.ms-powerpoint': 'presentation',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'presentation',
  'application/vnd.oasis.opendocument.presentation': 'presentation',
  'application/json': 'text',
  'application/zip': 'archive',
  'application/gzip': 'archive',
  'application/x-tar': 'archive',
  'application/x-7z-compressed': 'archive',
  'application/x-rar-compressed': 'archive',
  'application/x-xz': 'archive',
  'application/x-bzip2': 'archive',
};

/**
 * How the Files view shows and filters a file, from its (sniffed) content type; parameters such as `; charset=utf-8`
 * and letter case do not matter. Anything unknown is 'other'.
 */
export function fileKind(contentType: string): FileKind {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (Object.hasOwn(EXACT, type)) return EXACT[type];
  const [top] = type.split('/');
  if (top === 'image') return 'image';
  if (top === 'audio') return 'audio';
  if (top === 'video') return 'video';
  if (top === 'text') return 'text';
  return 'other';
}

const PREFIXES: Partial<Record<FileKind, string>> = {
  image: 'image/',
  audio: 'audio/',
  video: 'video/',
  text: 'text/',
};

/**
 * The kind filter as SQL over `content_type`, the same decision as fileKind(): the listed types of the kind, the
 * kind's prefix (image/, text/...) for a type listed nowhere, or for `other` everything else.
 */
export function kindCondition(kind: FileKind, params: SqlParameters): string {
  const listed = () => params.add(Object.keys(EXACT));
  if (kind === 'other') {
    const prefixes = params.add(Object.values(PREFIXES).map((prefix) => `${prefix}%`));
    return `(a.content_type <> ALL(${listed()}::text[]) AND a.content_type NOT LIKE ALL(${prefixes}::text[]))`;
  }
  const exact = params.add(Object.keys(EXACT).filter((type) => EXACT[type] === kind));
  const prefix = PREFIXES[kind];
  if (!prefix) return `a.content_type = ANY(${exact}::text[])`;
  return `(a.content_type = ANY(${exact}::text[]) OR (a.content_type LIKE ${params.add(`${prefix}%`)} AND a.content_type <> ALL(${listed()}::text[])))`;
}
