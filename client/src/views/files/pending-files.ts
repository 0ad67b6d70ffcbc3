import type { AttachmentDto } from '../../api/server-types';

/** One file being attached: a chip in the composer until the message (or note, or action) is sent. */
export interface PendingFile {
  key: string;
  name: string;
  size: number;
  sent: number;
  status: 'uploading' | 'done' | 'failed';
  attachment?: AttachmentDto;
  /** The failure (an ApiError, a network TypeError), said by the view in the language shown. */
  error?: unknown;
}

export type PendingAction =
  | { type: 'add'; key: string; name: string; size: number }
  | { type: 'progress'; key: string; sent: number }
  | { type: 'done'; key: string; attachment: AttachmentDto }
  | { type: 'failed'; key: string; error: unknown }
  | { type: 'remove'; key: string }
  | { type: 'clear' };

/** The server takes at most this many files per write. */
export const MAX_FILES = 10;

export function pendingFiles(state: PendingFile[], action: PendingAction): PendingFile[] {
  const change = (key: string, patch: Partial<PendingFile>) =>
    state.map((file) => (file.key === key ? { ...file, ...patch } : file));
  switch (action.type) {
    case 'add':
      if (state.some((file) => file.key === action.key)) return state;
      return [...state, { key: action.key, name: action.name, size: action.size, sent: 0, status: 'uploading' }];
    case 'progress':
      // Progress may still arrive after the answer: it must not move a finished chip back.
      return state.map((file) =>
        file.key === action.key && file.status === 'uploading'
          ? { ...file, sent: Math.min(action.sent, file.size) }
          : file,
      );
    case 'done':
      return change(action.key, { status: 'done', sent: action.attachment.size, attachment: action.attachment });
    case 'failed':
      return change(action.key, { status: 'failed', error: action.error });
    case 'remove':
      return state.filter((file) => file.key !== action.key);
    case 'clear':
      return [];
  }
}

/** The ids a write sends as `attachmentIds`: the uploaded files, in the order they were picked. */
export const uploadedIds = (state: PendingFile[]): string[] =>
  state.flatMap((file) => (file.status === 'done' && file.attachment ? [file.attachment.id] : []));

/** Sending waits while a file is still on its way, so nothing picked is silently left behind. */
export const uploading = (state: PendingFile[]): boolean => state.some((file) => file.status === 'uploading');

/** How many more files may be picked for this write. */
export const roomLeft = (state: PendingFile[]): number =>
  MAX_FILES - state.filter((file) => file.status !== 'failed').length;

/** Percent sent, for the progress bar. */
export const percent = (file: PendingFile): number =>
  file.size > 0 ? Math.min(100, Math.round((file.sent / file.size) * 100)) : file.status === 'done' ? 100 : 0;
