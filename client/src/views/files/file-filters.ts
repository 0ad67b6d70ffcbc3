import type { FileFilters } from '../../api/attachments';
import { FILE_KINDS } from '../../../../src/attachments/file-kind-names';
import type { AttachmentDto, FileKind } from '../../api/server-types';

export const FILE_KIND_CHOICES: readonly FileKind[] = FILE_KINDS;

/** The Files view keeps its filters in the address (`kind`, `thread`, `action`, `uploader`, `q`). */
export function fileFiltersFrom(query: URLSearchParams): FileFilters {
  const kind = query.get('kind') as FileKind | null;
  return {
    kind: kind && FILE_KINDS.includes(kind) ? kind : undefined,
    threadId: query.get('thread') || undefined,
    actionItemId: query.get('action') || undefined,
    uploaderId: query.get('uploader') || undefined,
    q: query.get('q')?.trim() || undefined,
  };
}

/**
 * Whether a file arriving live belongs in the filtered list. The name search is the server's (words, stems); here
 * every word typed must appear in the name, which shows a new file that the server would also find.
 */
export function matchesFileFilters(file: AttachmentDto, filters: FileFilters): boolean {
  if (!file.place) return false;
  if (filters.kind && file.kind !== filters.kind) return false;
  if (filters.threadId && file.threadId !== filters.threadId) return false;
  if (filters.actionItemId && file.actionItemId !== filters.actionItemId) return false;
  if (filters.uploaderId && file.uploader?.id !== filters.uploaderId) return false;
  if (filters.q) {
    const name = file.name.toLocaleLowerCase();
    if (
      !filters.q
        .toLocaleLowerCase()
        .split(/\s+/)
        .every((word) => name.includes(word))
    )
      return false;
  }
  return true;
}

/** Merges files into a list kept newest first, each once (a live copy replaces the one already shown). */
export function mergeNewestFirst(list: AttachmentDto[], incoming: AttachmentDto[]): AttachmentDto[] {
  const byId = new Map(list.map((file) => [file.id, file]));
  for (const file of incoming) byId.set(file.id, file);
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}
